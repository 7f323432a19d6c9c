import { describe, expect, it } from 'vitest';
import { loadRiskConfig } from '../config/risk.config.js';
import { RetentionPolicy } from './retention-policy.js';

const policy = new RetentionPolicy(5, 1095, 30, 7);
const env = { DATABASE_URL: 'postgres://risk@127.0.0.1:5432/kyc_test' };

describe('RetentionPolicy', () => {
  it('holds for calendar years after the relationship ends', () => {
    expect(policy.holdUntil(new Date('2026-03-10T04:00:00.000Z')).toISOString()).toBe('2031-03-10T04:00:00.000Z');
    expect(policy.holdUntil(new Date('2028-02-29T12:00:00.000Z')).toISOString()).toBe('2033-03-01T12:00:00.000Z');
  });

  it('derives every cutoff from the run time', () => {
    const asOf = new Date('2026-06-30T00:00:00.000Z');
    expect(policy.cutoffs(asOf)).toEqual({
      decisionsBefore: new Date('2023-07-01T00:00:00.000Z'),
      holdsEndedBefore: asOf,
      erasureReceiptsBefore: new Date('2026-05-31T00:00:00.000Z'),
      outboxDeliveredBefore: new Date('2026-06-23T00:00:00.000Z'),
    });
  });

  it('names the law in the legal basis, with the configured years', () => {
    expect(new RetentionPolicy(10, 1095, 30, 30).legalBasis()).toMatch(/^Anti-Money-Laundering Law; .* kept 10 years after the business relationship ends$/);
  });

  it('comes from validated config: 1095 days and 5 years by default, and a bad value stops the start naming the key', () => {
    expect(RetentionPolicy.from(loadRiskConfig(env))).toEqual(new RetentionPolicy(5, 1095, 30, 30));
    expect(RetentionPolicy.from(loadRiskConfig({ ...env, DECISION_RETENTION_DAYS: '730', LEGAL_HOLD_YEARS: '10' }))).toMatchObject({
      decisionRetentionDays: 730,
      legalHoldYears: 10,
    });
    for (const value of ['0', '30', '-1', 'three years', '99999'])
      expect(() => loadRiskConfig({ ...env, DECISION_RETENTION_DAYS: value }), value).toThrow(/DECISION_RETENTION_DAYS/);
  });
});
