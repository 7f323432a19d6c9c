import type { SessionChange } from './session.repository.js';
import { levelOf, levelRank, type FactorType, type MatchedCard, type MatchedIdentity, type Session, type SessionStatus } from './session.js';
import type { Verdict } from './verdict.js';

/** Data submitted with the factor, kept only if the factor matched. */
export interface Submitted {
  identity?: MatchedIdentity;
  card?: MatchedCard;
}

/**
 * The session after one more factor: the factor is appended, matched data
 * is kept, the level follows the matched factors, and the session is
 * VERIFIED once it reaches its target (or FAILED / LOCKED when the verdict
 * closes it). Pure: the caller writes the returned change.
 */
export function applyVerdict(
  session: Session,
  type: FactorType,
  verdict: Verdict,
  now: Date,
  submitted: Submitted = {},
): { session: Session; change: SessionChange } {
  const factor = {
    type,
    result: verdict.result,
    ...(verdict.reasonCode ? { reasonCode: verdict.reasonCode } : {}),
    retryable: verdict.retryable,
    billed: verdict.billed,
    at: now,
    ...(verdict.face ? { face: verdict.face } : {}),
  };
  const factors = [...session.factors, factor];
  const matched = verdict.result === 'MATCH';
  const identity = matched && type === 'IDENTITY' ? submitted.identity : undefined;
  const card = matched && type === 'BANK_CARD' ? submitted.card : undefined;
  const before = levelOf(session.factors);
  const level = levelOf(factors);
  let status: SessionStatus = session.status;
  if (verdict.closesSession) status = verdict.closesSession;
  else if (levelRank(level) >= levelRank(session.targetLevel)) status = 'VERIFIED';
  const verifiedAt = status === 'VERIFIED' ? now : undefined;
  const kept = identity ?? session.identity;
  const next: Session = {
    ...session,
    factors,
    status,
    ...(verifiedAt ? { verifiedAt } : {}),
    ...(kept ? { identity: kept } : {}),
    ...((card ?? session.card) ? { card: card ?? session.card } : {}),
    version: session.version + 1,
  };
  const change: SessionChange = {
    sessionId: session.id,
    expectedVersion: session.version,
    factor,
    status,
    ...(verifiedAt ? { verifiedAt } : {}),
    ...(identity ? { identity } : {}),
    ...(card ? { card } : {}),
    ...(level && kept && levelRank(level) > levelRank(before) ? { reachedLevel: { level, at: now, idNumber: kept.idNumber } } : {}),
  };
  return { session: next, change };
}
