/**
 * Which sessions are the customer due diligence record a subject's verified
 * level rests on, in SQL (the same rule for an erasure and the retention sweep).
 *
 * A session's level comes from its matched factors, as `levelOf` in
 * sessions/session.ts: 0 none, 1 = L1, 2 = L2, 3 = L3. The record is:
 * - every VERIFIED session (it reached its target level);
 * - and, when the subject's recorded level came from a session that never
 *   reached its target (an L3 attempt abandoned after the ID matched still
 *   makes the subject L1), the one unverified session with the highest level
 *   above every VERIFIED session's, the earliest of equals: without it the
 *   level would rest on nothing.
 * Every other session is not needed by any legal duty. Only unrestricted
 * sessions are ranked: restricted ones are already held, out of normal use.
 */
const LEVEL_RANK = (session: string): string => `(
    SELECT CASE
      WHEN count(*) = 0 THEN 0
      WHEN NOT bool_or(f.type = 'IDENTITY' AND f.result = 'MATCH') THEN 0
      WHEN NOT bool_or(f.type = 'LIVENESS' AND f.result = 'MATCH') THEN 1
      WHEN NOT bool_or(f.type = 'BANK_CARD' AND f.result = 'MATCH') THEN 2
      ELSE 3 END
    FROM identity.session_factors f WHERE f.session_id = ${session}.id)`;

/** True when the session still holds personal data: matched data, blind indexes, or a face digest. */
export const HOLDS_PERSONAL_DATA = (session: string): string => `(
    ${session}.name_enc IS NOT NULL OR ${session}.id_number_enc IS NOT NULL OR ${session}.id_number_bidx IS NOT NULL
    OR ${session}.card_number_enc IS NOT NULL OR ${session}.card_number_bidx IS NOT NULL
    OR ${session}.phone_enc IS NOT NULL OR ${session}.phone_bidx IS NOT NULL
    OR EXISTS (SELECT 1 FROM identity.session_factors pf WHERE pf.session_id = ${session}.id AND pf.face_sha256 IS NOT NULL))`;

/**
 * Common table expressions ending in `evidence (id, subject_id, status,
 * expires_at, level_rank, holds_personal_data, evidence)` over the
 * unrestricted sessions (alias `s`) matching `scope`. Scope whole subjects:
 * the rule compares a subject's sessions with each other.
 */
export function evidenceCtes(scope: string): string {
  return `ranked AS (
      SELECT s.id, s.subject_id, s.status, s.created_at, s.expires_at, ${LEVEL_RANK('s')} AS level_rank, ${HOLDS_PERSONAL_DATA('s')} AS holds_personal_data
      FROM identity.sessions s WHERE s.restricted_at IS NULL AND (${scope})
    ), verified AS (
      SELECT subject_id, max(level_rank) AS level_rank FROM ranked WHERE status = 'VERIFIED' GROUP BY subject_id
    ), sole AS (
      SELECT DISTINCT ON (r.subject_id) r.id
      FROM ranked r LEFT JOIN verified v ON v.subject_id = r.subject_id
      WHERE r.status <> 'VERIFIED' AND r.level_rank > COALESCE(v.level_rank, 0)
      ORDER BY r.subject_id, r.level_rank DESC, r.created_at, r.id
    ), evidence AS (
      SELECT r.id, r.subject_id, r.status, r.expires_at, r.level_rank, r.holds_personal_data,
        (r.status = 'VERIFIED' OR r.id IN (SELECT id FROM sole)) AS evidence
      FROM ranked r
    )`;
}
