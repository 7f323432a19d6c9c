import { describe, expect, it } from 'vitest';
import { RetentionPolicy } from './retention-policy.js';

const policy = new RetentionPolicy(5, 30, 24, 7);

describe('RetentionPolicy', () => {
  it('holds for calendar years after the relationship ends', () => {
    expect(policy.holdUntil(new Date('2026-03-10T04:00:00.000Z')).toISOString()).toBe('2031-03-10T04:00:00.000Z');
    // From a leap day, the hold ends on the day after the 28th of February.
    expect(policy.holdUntil(new Date('2028-02-29T12:00:00.000Z')).toISOString()).toBe('2033-03-01T12:00:00.000Z');
  });

  it('derives every cutoff from the run time', () => {
    const asOf = new Date('2026-06-30T00:00:00.000Z');
    expect(policy.cutoffs(asOf)).toEqual({
      unverifiedSessionsEndedBefore: new Date('2026-05-31T00:00:00.000Z'),
      attemptsBefore: new Date('2026-06-29T00:00:00.000Z'),
      erasureReceiptsBefore: new Date('2026-06-23T00:00:00.000Z'),
      holdsEndedBefore: asOf,
    });
  });

  it('names the law in the legal basis, with the configured years', () => {
    expect(new RetentionPolicy(7, 30, 24, 30).legalBasis()).toBe(
      'Anti-Money-Laundering Law art. 40 / customer due diligence records: kept 7 years after the relationship ends',
    );
  });
});
