import { HELD_CATEGORY } from '../retention-policy.js';
import { effectiveStatus, levelOf, type FactorRecord } from '../../sessions/session.js';
import type { HeldRecords, SubjectRecords, SubjectSession } from '../subject-data.repository.js';

const iso = (value: Date | undefined): string | null => value?.toISOString() ?? null;

function factor(record: FactorRecord): Record<string, unknown> {
  return {
    type: record.type,
    result: record.result,
    reason_code: record.reasonCode ?? null,
    retryable: record.retryable,
    billed: record.billed,
    at: record.at.toISOString(),
    // The face check keeps the frame's digest and the scores; the frame itself was never stored.
    face: record.face
      ? {
          image_sha256: record.face.sha256,
          liveness_score: record.face.livenessScore,
          similarity: record.face.similarity ?? null,
          liveness_verdict: record.face.livenessVerdict ?? null,
        }
      : null,
  };
}

function session(record: SubjectSession, now: Date): Record<string, unknown> {
  return {
    id: record.id,
    status: effectiveStatus(record, now),
    target_level: record.targetLevel,
    level_reached: levelOf(record.factors) ?? null,
    created_at: record.createdAt.toISOString(),
    expires_at: record.expiresAt.toISOString(),
    verified_at: iso(record.verifiedAt),
    identity: record.identity ? { name: record.identity.name, id_number: record.identity.idNumber } : null,
    bank_card: record.card ? { card_number: record.card.cardNumber, reserved_phone: record.card.phone } : null,
    factors: record.factors.map(factor),
    restriction: record.restrictedAt ? { restricted_at: record.restrictedAt.toISOString(), hold_until: iso(record.holdUntil) } : null,
  };
}

/** The restricted records, grouped by the end of their hold. */
export function heldRecords(records: SubjectRecords): HeldRecords[] {
  const groups = new Map<string, HeldRecords>();
  for (const record of records.sessions) {
    if (!record.restrictedAt) continue;
    const key = iso(record.holdUntil) ?? '';
    const group = groups.get(key) ?? { ...(record.holdUntil ? { holdUntil: record.holdUntil } : {}), records: 0 };
    group.records++;
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * Identity's section of the subject's copy: every session with its factors,
 * the matched data in clear, the verified level, how many failed attempts are
 * on the ledger (not the numbers tried: those are kept only as blind indexes),
 * and what is restricted under the legal hold.
 */
export function subjectExport(records: SubjectRecords, now: Date): Record<string, unknown> {
  const failed = records.failedAttempts;
  return {
    verified_level: records.level ? { level: records.level.level, verified_at: records.level.verifiedAt.toISOString() } : null,
    sessions: records.sessions.map((record) => session(record, now)),
    failed_attempts: { total: failed.IDENTITY + failed.LIVENESS + failed.BANK_CARD, by_factor: { ...failed } },
    legal_hold: heldRecords(records).map((group) => ({ category: HELD_CATEGORY, hold_until: iso(group.holdUntil), records: group.records })),
  };
}
