import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { androidDevice, assessAs, assessInput, riskContext, uniqueId, type RiskContext } from '../../testing/risk-context.fixture.js';
import type { DeviceSignals } from '../signals/device-signals.js';

describe('device identity', () => {
  let context: RiskContext;

  beforeAll(async () => {
    context = await riskContext(inject('databaseUrl'));
  });
  afterAll(async () => context.close());

  const assess = (device: DeviceSignals) => assessAs(context, assessInput({ subjectId: uniqueId('subject'), device }));

  it('keeps the device id when the hard id changes but the fingerprint stays (reinstall)', async () => {
    const phone = androidDevice();
    const first = await assess(phone);
    expect(first.device).toMatchObject({ kind: 'new', confidence: 1, fingerprintVersion: 'fp1', hardIdChanged: false });
    expect(first.device.deviceId).toMatch(/^dv_[a-z2-7]{24}$/);

    const reinstalled = { ...phone, appInstanceId: randomUUID() };
    const second = await assess(reinstalled);
    expect(second.device.deviceId).toBe(first.device.deviceId);
    expect(second.device.kind).toBe('fingerprint');
    expect(second.device.hardIdChanged).toBe(true);
    expect(second.device.confidence).toBeGreaterThanOrEqual(0.6);
    expect(second.features.device.hard_id_changed).toBe(true);

    // The new app-instance id is now linked: the next event matches it directly.
    const third = await assess(reinstalled);
    expect(third.device).toMatchObject({ deviceId: first.device.deviceId, kind: 'hard', hardIdChanged: false });
    // And the old one still works.
    expect((await assess(phone)).device).toMatchObject({ deviceId: first.device.deviceId, kind: 'hard' });
  });

  it('does not merge two phones of the same model when the fingerprint is weak', async () => {
    const iphone = (): DeviceSignals => ({
      platform: 'ios',
      idfv: randomUUID().toUpperCase(),
      manufacturer: 'Apple',
      model: 'iPhone15,2',
      screen: { width: 1179, height: 2556, density: 3 },
      timezone: 'Asia/Shanghai',
      language: 'zh-CN',
      flags: {},
      riskyApps: [],
      extra: {},
    });
    const a = await assess(iphone());
    const b = await assess(iphone());
    expect(b.device.deviceId).not.toBe(a.device.deviceId);
    expect(b.device.kind).toBe('new');
  });

  it('never uses an all-zero OAID (limited ad tracking) as an identity', async () => {
    const zero = '00000000-0000-0000-0000-000000000000';
    const a = await assess(androidDevice({ appInstanceId: undefined, oaid: zero }));
    const b = await assess(androidDevice({ appInstanceId: undefined, oaid: zero }));
    expect(b.device.deviceId).not.toBe(a.device.deviceId);
  });

  it('recognises a device with no hard id by its fingerprint, with a confidence', async () => {
    const browser: DeviceSignals = {
      platform: 'android',
      androidId: randomUUID().replace(/-/g, '').slice(0, 16),
      manufacturer: 'HUAWEI',
      model: 'ALN-AL00',
      timezone: 'Asia/Shanghai',
      language: 'zh-CN',
      flags: {},
      riskyApps: [],
      extra: {},
    };
    const first = await assess(browser);
    const second = await assess(browser);
    expect(first.device.kind).toBe('new');
    expect(second.device).toMatchObject({ deviceId: first.device.deviceId, kind: 'fingerprint', hardIdChanged: false });
    expect(second.device.confidence).toBeGreaterThan(0.6);
    expect(second.features.device.has_hard_id).toBe(false);
  });

  it('stores device keys only as keyed hashes and records the fingerprint version of every device', async () => {
    const phone = androidDevice();
    const decision = await assess(phone);
    const keys: Array<{ key_hash: string; key_kind: string }> = await context.dataSource.query(
      'SELECT key_hash, key_kind FROM risk.device_keys WHERE device_id = $1',
      [decision.device.deviceId],
    );
    expect(keys.map((key) => key.key_kind).sort()).toEqual(['aiid', 'fp1']);
    for (const key of keys) {
      expect(key.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(key.key_hash).not.toContain(phone.appInstanceId!.replace(/-/g, ''));
    }
    const [device]: Array<{ fingerprint_version: string }> = await context.dataSource.query(
      'SELECT fingerprint_version FROM risk.devices WHERE device_id = $1',
      [decision.device.deviceId],
    );
    expect(device!.fingerprint_version).toBe('fp1');
  });
});
