import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { androidDevice, assessAs, assessInput, riskContext, uniqueId, type RiskContext } from '../testing/risk-context.fixture.js';
import type { DeviceSignals } from './signals/device-signals.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Cities the shipped databases place apart (checked in the first test). */
const BEIJING_IP = '1.2.4.8';
const HANGZHOU_IP = '223.5.5.5';
const SHENZHEN_IP = '120.24.78.68';

/** An address nobody else in the shared database uses, for IP counts. */
function privateIp(): string {
  const bytes = randomUUID().replace(/-/g, '');
  return `10.${parseInt(bytes.slice(0, 2), 16)}.${parseInt(bytes.slice(2, 4), 16)}.${parseInt(bytes.slice(4, 6), 16)}`;
}

describe('velocity features over 5 min, 1 h, 24 h and 7 d', () => {
  let context: RiskContext;
  const now = new Date();

  beforeAll(async () => {
    context = await riskContext(inject('databaseUrl'));
  });
  afterAll(async () => context.close());

  /** Records an event `ago` ms before now. */
  async function at(ago: number, input: Parameters<typeof assessInput>[0]) {
    context.clock.set(new Date(now.getTime() - ago));
    return assessAs(context, assessInput(input));
  }

  it('counts distinct subjects and events per device, excluding events older than 7 days', async () => {
    const device: DeviceSignals = androidDevice();
    const [s1, s2, s3, s4, s5] = [1, 2, 3, 4, 5].map(() => uniqueId('subject'));
    await at(8 * DAY, { subjectId: s5!, device });
    await at(6 * DAY, { subjectId: s1!, device });
    await at(20 * HOUR, { subjectId: s2!, device });
    await at(30 * MIN, { subjectId: s3!, device });
    await at(2 * MIN, { subjectId: s1!, device });
    const decision = await at(0, { subjectId: s4!, device });

    expect(decision.features.velocity.distinct_subjects_per_device).toEqual({ '5m': 2, '1h': 3, '24h': 4, '7d': 4 });
    expect(decision.features.velocity.events_per_device).toEqual({ '5m': 2, '1h': 3, '24h': 4, '7d': 5 });

    // A returning subject is one subject, not two.
    const again = await at(0, { subjectId: s1!, device });
    expect(again.features.velocity.distinct_subjects_per_device).toEqual({ '5m': 2, '1h': 3, '24h': 4, '7d': 4 });
    expect(again.features.velocity.events_per_device['5m']).toBe(3);
  });

  it('counts distinct devices and cities per subject', async () => {
    const subjectId = uniqueId('subject');
    const [d1, d2, d3, d4] = [1, 2, 3, 4].map(() => androidDevice());
    const cities = [BEIJING_IP, HANGZHOU_IP, SHENZHEN_IP].map((ip) => context.assess['geolocator'].locate(ip).city);
    expect(new Set(cities).size).toBe(3);

    await at(3 * DAY, { subjectId, device: d1!, ip: BEIJING_IP });
    await at(10 * HOUR, { subjectId, device: d2!, ip: HANGZHOU_IP });
    await at(40 * MIN, { subjectId, device: d3!, ip: SHENZHEN_IP });
    await at(1 * MIN, { subjectId, device: d1!, ip: BEIJING_IP });
    const decision = await at(0, { subjectId, device: d4!, ip: SHENZHEN_IP });

    expect(decision.features.velocity.distinct_devices_per_subject).toEqual({ '5m': 2, '1h': 3, '24h': 4, '7d': 4 });
    expect(decision.features.velocity.distinct_cities_per_subject).toEqual({ '5m': 2, '1h': 2, '24h': 3, '7d': 3 });
  });

  it('counts distinct cards and IPs per device', async () => {
    const device = androidDevice();
    const [ipA, ipB, ipC] = [privateIp(), privateIp(), privateIp()];
    const bind = (ago: number, card: string, ip: string) => at(ago, { subjectId: uniqueId('subject'), device, ip, eventType: 'BIND_CARD', cardNumber: card });
    await bind(2 * DAY, '6222021234567890128', ipA);
    await bind(3 * HOUR, '6225880137004267', ipB);
    await bind(10 * MIN, '6222021234567890128', ipC);
    const decision = await bind(0, '4111111111111111', ipA);

    expect(decision.features.velocity.distinct_cards_per_device).toEqual({ '5m': 1, '1h': 2, '24h': 3, '7d': 3 });
    expect(decision.features.velocity.distinct_ips_per_device).toEqual({ '5m': 1, '1h': 2, '24h': 3, '7d': 3 });

    // The current card and IP count once even when seen before.
    const again = await bind(0, '6222021234567890128', ipB);
    expect(again.features.velocity.distinct_cards_per_device).toEqual({ '5m': 2, '1h': 2, '24h': 3, '7d': 3 });
    expect(again.features.velocity.distinct_ips_per_device).toEqual({ '5m': 2, '1h': 3, '24h': 3, '7d': 3 });
  });

  it('counts events per IP across devices and subjects', async () => {
    const ip = privateIp();
    for (const ago of [2 * DAY, 5 * HOUR, 30 * MIN, 3 * MIN]) await at(ago, { subjectId: uniqueId('subject'), device: androidDevice(), ip });
    const decision = await at(0, { subjectId: uniqueId('subject'), device: androidDevice(), ip });

    expect(decision.features.velocity.events_per_ip).toEqual({ '5m': 2, '1h': 3, '24h': 4, '7d': 5 });
  });

  it('counts failed KYC attempts per device from reported outcomes', async () => {
    const device = androidDevice();
    const kyc = (ago: number) => at(ago, { subjectId: uniqueId('subject'), device, eventType: 'KYC' });
    const first = await kyc(3 * HOUR);
    const second = await kyc(20 * MIN);
    const third = await kyc(1 * MIN);
    await context.decisions.recordKycOutcome(first.id, true);
    await context.decisions.recordKycOutcome(second.id, true);
    await context.decisions.recordKycOutcome(third.id, false);
    const decision = await kyc(0);

    expect(decision.features.velocity.failed_kyc_per_device).toEqual({ '5m': 0, '1h': 1, '24h': 2, '7d': 2 });
  });
});
