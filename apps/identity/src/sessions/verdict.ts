import type { FaceEvidence, FactorResult } from './session.js';

/** What a factor came to, before it is applied to the session. */
export interface Verdict {
  result: FactorResult;
  reasonCode?: string;
  retryable: boolean;
  billed: boolean;
  /** An upstream answer that counts toward the attempt limits. */
  countsAsFailure: boolean;
  /** A final outcome for the whole session (under age, locked out). */
  closesSession?: 'FAILED' | 'LOCKED';
  face?: FaceEvidence;
}

/** What a verifier answered, before identity's own policy is applied. */
export interface UpstreamAnswer {
  result: FactorResult;
  reasonCode?: string;
  billed: boolean;
  /** Face checks: the vendor's scores. */
  similarity?: number;
  livenessVerdict?: string;
}

/** Reasons that mean the input was malformed: no failure is counted for them. */
const INPUT_REASONS = new Set([
  'ID_NUMBER_INVALID',
  'NAME_INVALID',
  'CARD_NUMBER_INVALID',
  'PHONE_INVALID',
  'FACE_IMAGE_INVALID',
  'FACE_IMAGE_TOO_LARGE',
  'UPSTREAM_REJECTED',
]);

/** Rejected before any upstream call. */
export function rejected(reasonCode: string, closesSession?: 'FAILED' | 'LOCKED'): Verdict {
  return { result: 'REJECTED', reasonCode, retryable: false, billed: false, countsAsFailure: false, ...(closesSession ? { closesSession } : {}) };
}

/**
 * Every answer the recipient gave other than a match counts toward the
 * attempt limits (that is what enumeration looks like), except answers
 * about malformed input, which we should have caught ourselves.
 */
export function fromAnswer(answer: UpstreamAnswer): Verdict {
  const retryable = answer.result === 'UNAVAILABLE';
  return {
    result: answer.result,
    ...(answer.reasonCode ? { reasonCode: answer.reasonCode } : {}),
    retryable,
    billed: answer.billed,
    countsAsFailure: answer.result !== 'MATCH' && !retryable && !INPUT_REASONS.has(answer.reasonCode ?? ''),
  };
}

/**
 * Failures of the call itself that are factor results, not errors: no
 * consent (nothing was sent), and upstream trouble (503, timeout, 429),
 * which is retryable and never counted against the user. Anything else is
 * rethrown.
 */
export function verdictForFailure(error: unknown): Verdict {
  const code = (error as { code?: unknown }).code;
  if (code === 'CONSENT_REQUIRED') return rejected('CONSENT_REQUIRED');
  if (code === 'UPSTREAM_UNAVAILABLE' || code === 'UPSTREAM_RATE_LIMITED') {
    return { result: 'UNAVAILABLE', reasonCode: code, retryable: true, billed: false, countsAsFailure: false };
  }
  throw error;
}
