import { describe, expect, it } from 'vitest';
import type { DeviceSignals } from '../signals/device-signals.js';
import { deriveDeviceKeys } from './device-keys.js';
import { FINGERPRINT_V1, type FingerprintAlgorithm } from './fingerprint.js';
import { deviceIdFrom, resolveDevice, type KnownKey } from './resolve-device.js';

const hash = (material: string): string => Buffer.from(material).toString('hex').padEnd(64, '0').slice(0, 64);

const phone: DeviceSignals = {
  platform: 'android',
  appInstanceId: 'app-instance-0001',
  androidId: '0123456789abcdef',
  manufacturer: 'Xiaomi',
  model: '23049RAD8C',
  screen: { width: 1220, height: 2712, density: 3 },
  timezone: 'Asia/Shanghai',
  language: 'zh-CN',
  flags: {},
  riskyApps: [],
  extra: {},
};

const seen = (deviceId: string): KnownKey => ({ deviceId, firstSeenAt: new Date('2025-01-01T00:00:00Z') });

describe('resolveDevice', () => {
  it('names a new device from its first hard id, deterministically', () => {
    const keys = deriveDeviceKeys(phone, hash);
    const first = resolveDevice(keys, new Map(), 'fp1');
    const again = resolveDevice(keys, new Map(), 'fp1');
    expect(first).toMatchObject({ kind: 'new', confidence: 1, deviceId: deviceIdFrom(keys.hard[0]!.hash) });
    expect(again.deviceId).toBe(first.deviceId);
    expect(first.newKeys.map((key) => key.kind)).toEqual(['aiid', 'fp1']);
  });

  it('follows a known hard id, and registers the keys it did not know', () => {
    const keys = deriveDeviceKeys({ ...phone, oaid: 'a1b2c3d4e5f60718' }, hash);
    const known = new Map([[keys.hard[0]!.hash, seen('dv_known')]]);
    expect(resolveDevice(keys, known, 'fp1')).toMatchObject({ deviceId: 'dv_known', kind: 'hard', newKeys: [{ kind: 'oaid' }, { kind: 'fp1' }] });
  });

  it('links a changed hard id through a confident fingerprint', () => {
    const keys = deriveDeviceKeys({ ...phone, appInstanceId: 'app-instance-0002' }, hash);
    const known = new Map([[keys.fingerprints[0]!.hash, seen('dv_phone')]]);
    const resolved = resolveDevice(keys, known, 'fp1');
    expect(resolved).toMatchObject({ deviceId: 'dv_phone', kind: 'fingerprint', hardIdChanged: true, newKeys: [{ kind: 'aiid' }] });
    expect(resolved.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('does not link a changed hard id through a weak fingerprint', () => {
    const weak = { ...phone, androidId: undefined, appInstanceId: 'app-instance-0003' };
    const keys = deriveDeviceKeys(weak, hash);
    const known = new Map([[keys.fingerprints[0]!.hash, seen('dv_other')]]);
    expect(resolveDevice(keys, known, 'fp1')).toMatchObject({ kind: 'new', hardIdChanged: false });
  });

  it('keeps continuity across a fingerprint algorithm change: the old version finds the device, the new one is registered', () => {
    const v2: FingerprintAlgorithm = { version: 'fp2', compute: (signals) => ({ material: `v2|${signals.androidId}|${signals.model}`, confidence: 0.9 }) };
    const oldKeys = deriveDeviceKeys({ ...phone, appInstanceId: undefined }, hash, [FINGERPRINT_V1]);
    const known = new Map([[oldKeys.fingerprints[0]!.hash, seen('dv_legacy')]]);
    const newKeys = deriveDeviceKeys({ ...phone, appInstanceId: undefined }, hash, [v2, FINGERPRINT_V1]);
    const resolved = resolveDevice(newKeys, known, 'fp2');
    expect(resolved).toMatchObject({ deviceId: 'dv_legacy', kind: 'fingerprint', fingerprintVersion: 'fp2' });
    expect(resolved.newKeys).toEqual([{ hash: newKeys.fingerprints[0]!.hash, kind: 'fp2' }]);
  });

  it('makes device ids without long digit runs (they must never look like a card number)', () => {
    for (let index = 0; index < 200; index++) expect(deviceIdFrom(hash(`k${index}`))).toMatch(/^dv_[a-z2-7]{24}$/);
  });
});

describe('fingerprint v1', () => {
  it('survives an OS update and an app reinstall, not a different Android ID', () => {
    const base = FINGERPRINT_V1.compute(phone)!;
    expect(FINGERPRINT_V1.compute({ ...phone, osVersion: '15', appInstanceId: 'other' })!.material).toBe(base.material);
    expect(FINGERPRINT_V1.compute({ ...phone, androidId: 'fedcba9876543210' })!.material).not.toBe(base.material);
  });

  it('is confident with an Android ID and weak without one', () => {
    expect(FINGERPRINT_V1.compute(phone)!.confidence).toBeGreaterThanOrEqual(0.9);
    expect(FINGERPRINT_V1.compute({ ...phone, androidId: undefined })!.confidence).toBeLessThan(0.6);
    expect(FINGERPRINT_V1.compute({ platform: 'web', flags: {}, riskyApps: [], extra: {} })).toBeUndefined();
  });
});
