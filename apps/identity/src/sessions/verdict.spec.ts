import { DomainError } from '#libs/errors';
import { describe, expect, it } from 'vitest';
import { fromAnswer, verdictForFailure } from './verdict.js';

describe('verdicts', () => {
  it('counts every upstream answer but a match toward the limits, except answers about malformed input', () => {
    expect(fromAnswer({ result: 'MATCH', billed: true }).countsAsFailure).toBe(false);
    expect(fromAnswer({ result: 'MISMATCH', reasonCode: 'NAME_MISMATCH', billed: true }).countsAsFailure).toBe(true);
    expect(fromAnswer({ result: 'NO_RECORD', reasonCode: 'ID_NO_RECORD', billed: false }).countsAsFailure).toBe(true);
    expect(fromAnswer({ result: 'REJECTED', reasonCode: 'CARD_LOST', billed: false }).countsAsFailure).toBe(true);
    expect(fromAnswer({ result: 'REJECTED', reasonCode: 'LIVENESS_FAILED', billed: true }).countsAsFailure).toBe(true);
    expect(fromAnswer({ result: 'REJECTED', reasonCode: 'FACE_IMAGE_INVALID', billed: false }).countsAsFailure).toBe(false);
    expect(fromAnswer({ result: 'UNAVAILABLE', reasonCode: 'UPSTREAM_UNAVAILABLE', billed: false })).toMatchObject({ countsAsFailure: false, retryable: true });
  });

  it('turns upstream trouble into a retryable UNAVAILABLE and a refused consent into REJECTED, and rethrows the rest', () => {
    expect(verdictForFailure(new DomainError('UPSTREAM_UNAVAILABLE', 'x'))).toMatchObject({
      result: 'UNAVAILABLE',
      reasonCode: 'UPSTREAM_UNAVAILABLE',
      retryable: true,
    });
    expect(verdictForFailure(new DomainError('UPSTREAM_RATE_LIMITED', 'x'))).toMatchObject({
      result: 'UNAVAILABLE',
      reasonCode: 'UPSTREAM_RATE_LIMITED',
      retryable: true,
    });
    expect(verdictForFailure(new DomainError('CONSENT_REQUIRED', 'x'))).toMatchObject({
      result: 'REJECTED',
      reasonCode: 'CONSENT_REQUIRED',
      countsAsFailure: false,
    });
    const down = new DomainError('PRIVACY_UNAVAILABLE', 'x');
    expect(() => verdictForFailure(down)).toThrow(down);
  });
});
