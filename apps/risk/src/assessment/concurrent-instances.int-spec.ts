import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { androidDevice, assessAs, assessInput, MovableClock, riskContext, uniqueId, type RiskContext } from '../testing/risk-context.fixture.js';

/**
 * Two "instances": separate data sources, ledgers and clocks on one database,
 * as two risk processes behind a balancer would be.
 */
describe('velocity with two risk instances writing at once', () => {
  let a: RiskContext;
  let b: RiskContext;

  beforeAll(async () => {
    const start = new Date();
    a = await riskContext(inject('databaseUrl'), { clock: new MovableClock(start), concurrency: 3, maxBatchSize: 8 });
    b = await riskContext(inject('databaseUrl'), { clock: new MovableClock(start), concurrency: 3, maxBatchSize: 8 });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('gives every concurrent event on one device its own count: the n-th event sees n subjects', async () => {
    const device = androidDevice();
    const n = 24;
    const decisions = await Promise.all(
      Array.from({ length: n }, (_, index) => assessAs(index % 2 === 0 ? a : b, assessInput({ subjectId: uniqueId(`s${index}`), device }))),
    );
    const seen = decisions.map((decision) => decision.features.velocity.distinct_subjects_per_device['1h']).sort((x, y) => x - y);
    // Without serialisation two concurrent events would both see the same count and some counts would repeat.
    expect(seen).toEqual(Array.from({ length: n }, (_, index) => index + 1));
    expect(new Set(decisions.map((decision) => decision.device.deviceId)).size).toBe(1);

    const after = await assessAs(a, assessInput({ subjectId: uniqueId('after'), device }));
    expect(after.features.velocity.distinct_subjects_per_device['1h']).toBe(n + 1);
    expect(after.features.velocity.events_per_device['1h']).toBe(n + 1);
  });

  it('counts one subject across devices on both instances', async () => {
    const subjectId = uniqueId('subject');
    const n = 10;
    const decisions = await Promise.all(
      Array.from({ length: n }, (_, index) => assessAs(index % 2 === 0 ? a : b, assessInput({ subjectId, device: androidDevice() }))),
    );
    const seen = decisions.map((decision) => decision.features.velocity.distinct_devices_per_subject['24h']).sort((x, y) => x - y);
    expect(seen).toEqual(Array.from({ length: n }, (_, index) => index + 1));
  });

  it('counts one IP across both instances and within batches', async () => {
    const ip = `10.${200 + Math.floor(Math.random() * 50)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const n = 20;
    await Promise.all(
      Array.from({ length: n }, (_, index) => assessAs(index % 2 === 0 ? a : b, assessInput({ subjectId: uniqueId('ip'), device: androidDevice(), ip }))),
    );
    const after = await assessAs(b, assessInput({ subjectId: uniqueId('ip'), device: androidDevice(), ip }));
    expect(after.features.velocity.events_per_ip).toEqual({ '5m': n + 1, '1h': n + 1, '24h': n + 1, '7d': n + 1 });
  });

  it('sends the fourth subject on one device within an hour to review, from either instance', async () => {
    const device = androidDevice();
    const outcomes = [];
    for (let index = 0; index < 4; index++) outcomes.push(await assessAs(index % 2 === 0 ? a : b, assessInput({ subjectId: uniqueId('ring'), device })));
    expect(outcomes.slice(0, 3).map((decision) => decision.live.outcome)).toEqual(['ALLOW', 'ALLOW', 'ALLOW']);
    expect(outcomes[3]!.live.outcome).toBe('REVIEW');
    expect(outcomes[3]!.live.reasons.map((reason) => reason.code)).toContain('SHARED_DEVICE');
  });
});
