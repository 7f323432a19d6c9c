import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { androidDevice, assessAs, assessInput, riskContext, uniqueId, type RiskContext } from '../testing/risk-context.fixture.js';

const BEIJING = { lat: 39.9042, lon: 116.4074, accuracyM: 15 };
const SHANGHAI = { lat: 31.2304, lon: 121.4737, accuracyM: 20 };

describe('location features', () => {
  let context: RiskContext;

  beforeAll(async () => {
    context = await riskContext(inject('databaseUrl'));
  });
  afterAll(async () => context.close());

  it('flags impossible travel between consecutive located events of one account', async () => {
    const subjectId = uniqueId('traveller');
    const start = new Date();
    context.clock.set(start);
    const first = await assessAs(context, assessInput({ subjectId, device: androidDevice(), gps: BEIJING }));
    expect(first.features.geo.travel_distance_km).toBe(-1);

    context.clock.set(new Date(start.getTime() + 30 * 60_000));
    const second = await assessAs(context, assessInput({ subjectId, device: androidDevice(), gps: SHANGHAI }));
    expect(second.features.geo.travel_distance_km).toBeGreaterThan(1000);
    expect(second.features.geo.travel_distance_km).toBeLessThan(1150);
    expect(second.features.geo.travel_minutes).toBe(30);
    expect(second.features.geo.impossible_travel).toBe(true);
    expect(second.live.hitRules).toContain('impossible_travel');

    // Five hours later the same trip is a train ride.
    context.clock.set(new Date(start.getTime() + 5.5 * 3_600_000));
    const third = await assessAs(context, assessInput({ subjectId, device: androidDevice(), gps: BEIJING }));
    expect(third.features.geo.impossible_travel).toBe(false);
    context.clock.set(new Date());
  });

  it('measures how far the GPS fix is from the IP location', async () => {
    const decision = await assessAs(context, assessInput({ subjectId: uniqueId('s'), device: androidDevice(), ip: '120.24.78.68', gps: BEIJING }));
    // Shenzhen to Beijing is about 1,950 km.
    expect(decision.features.geo.ip_gps_distance_km).toBeGreaterThan(1800);
    expect(decision.features.geo.ip_gps_distance_km).toBeLessThan(2100);
    expect(decision.features.ip).toMatchObject({ country: 'CN', is_china: true, is_private: false, has_location: true });
    expect(decision.live.hitRules).toContain('gps_far_from_ip');
    // The batch insert sends its JSON as UTF-8 bytes: Chinese names are stored as they were computed.
    const [stored]: Array<{ city: string }> = await context.dataSource.query(`SELECT features->'ip'->>'city' AS city FROM risk.decisions WHERE id = $1`, [
      decision.id,
    ]);
    expect(stored!.city).toMatch(/^[\u4e00-\u9fff]+$/);
    expect(stored!.city).toBe(decision.features.ip.city);
  });

  it('keeps only a coarse location with the velocity event and the precise one encrypted', async () => {
    const decision = await assessAs(context, assessInput({ subjectId: uniqueId('s'), device: androidDevice(), gps: { lat: 31.230416, lon: 121.473701 } }));
    const [event]: Array<{ loc_lat: number; loc_lon: number }> = await context.dataSource.query(
      'SELECT loc_lat, loc_lon FROM risk.velocity_events WHERE decision_id = $1',
      [decision.id],
    );
    expect(event!.loc_lat).toBeCloseTo(31.23, 5);
    expect(event!.loc_lon).toBeCloseTo(121.47, 5);
    const [row]: Array<Record<string, unknown>> = await context.dataSource.query('SELECT * FROM risk.decisions WHERE id = $1', [decision.id]);
    expect(JSON.stringify(row)).not.toContain('31.230416');
  });
});
