import { AUDIT_TOPIC } from '#libs/audit';
import { queryRows } from '#libs/db';
import type { EntityManager } from 'typeorm';
import { blankedFeatures, PERSONAL_FEATURES } from '../../decisions/anonymous-features.js';

export interface AnonymisedBatch {
  anonymised: number;
  reviewsDeleted: number;
  /** Whom the anonymised decisions named, for the clean-up of what else named them. */
  subjects: string[];
}

/** A new UUIDv7 for the decision's hour: random, so the old id (in the subject's copy, their data request, the audit log) finds nothing. */
const NEW_ID = `(substr(h.hex, 1, 8) || '-' || substr(h.hex, 9, 4) || '-7' || right(gen_random_uuid()::text, 21))::uuid`;

const blankFeatures = (patch: string): string =>
  `(d.features::jsonb || jsonb_build_object(${Object.keys(PERSONAL_FEATURES)
    .map((namespace) => `'${namespace}', coalesce(d.features::jsonb -> '${namespace}', '{}'::jsonb) || (${patch}::jsonb -> '${namespace}')`)
    .join(', ')}))::json`;

/**
 * Irreversibly anonymises the decisions a locking SELECT of `id,
 * occurred_at, subject_id` picks, in one statement. What stays is what the
 * event was and what was decided (type, score, outcome, reasons, rule
 * results, features without their personal fields, the analyst's label), for
 * backtests and model statistics. What goes is everything that leads back
 * to the person: the subject (a random token, derived from nothing), the id
 * and the exact time (a new random id in the same hour, the time truncated
 * to the hour), the device, IP, merchant, the sealed snapshot, every blind
 * index and the signals; and the decision's review requests, which name the
 * subject's data request.
 */
export async function anonymiseDecisions(manager: EntityManager, pick: string, parameters: unknown[], at: Date): Promise<AnonymisedBatch> {
  const atParam = `$${parameters.length + 1}`;
  const patchParam = `$${parameters.length + 2}`;
  const [row] = await queryRows<{ anonymised: number; reviews_deleted: number; subjects: string[] }>(
    manager,
    `WITH picked AS (${pick}),
     target AS (
       SELECT id, occurred_at, subject_id, date_trunc('hour', occurred_at, 'UTC') AS hour FROM picked
     ), reviews AS (
       DELETE FROM risk.decision_reviews r USING target t WHERE r.decision_id = t.id RETURNING r.id
     ), done AS (
       UPDATE risk.decisions d SET
         id = ${NEW_ID},
         occurred_at = h.hour,
         subject_id = 'anon-' || replace(gen_random_uuid()::text, '-', ''),
         merchant_id = NULL,
         device_id = NULL,
         ip = NULL,
         signals = '{}'::json,
         sensitive_snapshot_enc = NULL,
         id_number_bidx = NULL,
         card_bidx = NULL,
         phone_bidx = NULL,
         features = ${blankFeatures(patchParam)},
         restricted_at = NULL,
         hold_until = NULL,
         anonymised_at = ${atParam}
       FROM (SELECT t.id, t.occurred_at, t.hour, lpad(to_hex((extract(epoch FROM t.hour) * 1000)::bigint), 12, '0') AS hex FROM target t) h
       WHERE d.id = h.id AND d.occurred_at = h.occurred_at
       RETURNING d.id
     )
     SELECT (SELECT count(*) FROM done)::int AS anonymised,
            (SELECT count(*) FROM reviews)::int AS reviews_deleted,
            (SELECT coalesce(array_agg(DISTINCT subject_id), '{}') FROM target) AS subjects`,
    [...parameters, at, JSON.stringify(blankedFeatures())],
  );
  return { anonymised: row!.anonymised, reviewsDeleted: row!.reviews_deleted, subjects: row!.subjects };
}

/**
 * Delivered copies of audit entries about these subjects (as subject or as
 * acting user): already in the privacy service's log, which keeps only a
 * keyed hash of the subject. Entries still waiting, or dead, stay until delivered.
 */
export async function deleteDeliveredAuditCopies(manager: EntityManager, subjects: string[]): Promise<number> {
  if (subjects.length === 0) return 0;
  const rows = await queryRows(
    manager,
    `DELETE FROM risk.outbox WHERE status = 'DELIVERED' AND topic = $2
       AND (payload->>'subjectId' = ANY($1::text[]) OR (payload->'actor'->>'type' = 'user' AND payload->'actor'->>'id' = ANY($1::text[])))
     RETURNING id`,
    [subjects, AUDIT_TOPIC],
  );
  return rows.length;
}
