import { Injectable } from '@nestjs/common';
import { isUniqueViolation, queryRows } from '#libs/db';
import { DataSource, type EntityManager } from 'typeorm';
import type { Reason } from '../../rules/decide.js';
import type { Outcome } from '../../shared/outcome.js';
import {
  SubjectDataRepository,
  type Erasure,
  type ErasureOutcome,
  type ErasureResult,
  type HeldRecords,
  type SubjectRecords,
} from '../../subject-data/subject-data.repository.js';
import { toReview, REVIEW_COLUMNS, type ReviewRow } from './decision-review.rows.js';
import { anonymiseDecisions, deleteDeliveredAuditCopies } from './decision-anonymisation.sql.js';
import { lockKey, RISK_LOCK_SPACE } from './ledger/advisory-locks.js';

interface SubjectDecisionRow {
  id: string;
  occurred_at: Date;
  event_type: string;
  decision: Outcome;
  score: number;
  reasons: Reason[];
  ruleset_version: number;
  device_id: string;
  ip: string;
  merchant_id: string | null;
  label: string | null;
  sensitive_snapshot_enc: Buffer;
  restricted_at: Date | null;
  hold_until: Date | null;
}

/** The receipt's stored form: dates as RFC 3339 strings. */
interface StoredOutcome {
  deleted: number;
  anonymised: number;
  held: Array<{ holdUntil: string | null; records: number }>;
}

const stored = (outcome: ErasureOutcome): StoredOutcome => ({
  deleted: outcome.deleted,
  anonymised: outcome.anonymised,
  held: outcome.held.map((group) => ({ holdUntil: group.holdUntil?.toISOString() ?? null, records: group.records })),
});

const restored = (outcome: StoredOutcome): ErasureOutcome => ({
  deleted: outcome.deleted,
  anonymised: outcome.anonymised,
  held: outcome.held.map((group) => ({ ...(group.holdUntil ? { holdUntil: new Date(group.holdUntil) } : {}), records: group.records })),
});

const count = async (manager: EntityManager, sql: string, parameters: unknown[]): Promise<number> => (await queryRows(manager, sql, parameters)).length;

@Injectable()
export class SubjectDataPostgresRepository extends SubjectDataRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /** One consistent snapshot of every decision still naming the subject, restricted ones included, with their reviews. */
  load(subjectId: string): Promise<SubjectRecords> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const decisions = await queryRows<SubjectDecisionRow>(
        manager,
        `SELECT id, occurred_at, event_type, decision, score, reasons, ruleset_version, device_id, host(ip) AS ip, merchant_id, label,
           sensitive_snapshot_enc, restricted_at, hold_until
         FROM risk.decisions WHERE subject_id = $1 ORDER BY occurred_at, id`,
        [subjectId],
      );
      const reviews = (
        await queryRows<ReviewRow>(manager, `SELECT ${REVIEW_COLUMNS} FROM risk.decision_reviews WHERE subject_id = $1 ORDER BY requested_at, id`, [subjectId])
      ).map(toReview);
      return {
        decisions: decisions.map((row) => ({
          id: row.id,
          occurredAt: row.occurred_at,
          eventType: row.event_type,
          outcome: row.decision,
          score: row.score,
          reasons: row.reasons,
          rulesetVersion: row.ruleset_version,
          deviceId: row.device_id,
          ip: row.ip,
          ...(row.merchant_id ? { merchantId: row.merchant_id } : {}),
          ...(row.label ? { label: row.label } : {}),
          sealedSnapshot: row.sensitive_snapshot_enc,
          ...(row.restricted_at ? { restrictedAt: row.restricted_at } : {}),
          ...(row.hold_until ? { holdUntil: row.hold_until } : {}),
          reviews: reviews.filter((review) => review.decisionId === row.id),
        })),
      };
    });
  }

  async erase(erasure: Erasure): Promise<ErasureResult> {
    try {
      return await this.eraseOnce(erasure);
    } catch (error) {
      // The same request id raced in for another subject: the receipt now exists, so its answer decides.
      if (isUniqueViolation(error)) return this.eraseOnce(erasure);
      throw error;
    }
  }

  private eraseOnce(erasure: Erasure): Promise<ErasureResult> {
    return this.dataSource.transaction(async (manager) => {
      // The lock every assessment of the subject takes (the ledger's account lock): an assessment
      // in flight either commits first and is erased with the rest, or runs after this commits.
      await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [RISK_LOCK_SPACE, lockKey(`s:${erasure.subjectId}`)]);
      const [receipt] = await queryRows<{ subject_id: string; mode: string; result: StoredOutcome }>(
        manager,
        'SELECT subject_id, mode, result FROM risk.erasures WHERE request_id = $1',
        [erasure.requestId],
      );
      if (receipt) {
        if (receipt.subject_id !== erasure.subjectId || receipt.mode !== erasure.mode) return { status: 'CONFLICT' };
        return { status: 'REPLAYED', outcome: restored(receipt.result) };
      }
      const outcome = await this.eraseSubject(manager, erasure);
      await manager.query('INSERT INTO risk.erasures (request_id, subject_id, mode, result, erased_at) VALUES ($1, $2, $3, $4, $5)', [
        erasure.requestId,
        erasure.subjectId,
        erasure.mode,
        JSON.stringify(stored(outcome)),
        erasure.at,
      ]);
      return { status: 'ERASED', outcome };
    });
  }

  private async eraseSubject(manager: EntityManager, erasure: Erasure): Promise<ErasureOutcome> {
    const subject = erasure.subjectId;
    // Transaction records: kept as recorded, out of every analyst use (list, detail, label, backtests).
    await manager.query('UPDATE risk.decisions SET restricted_at = $2 WHERE subject_id = $1 AND event_type = ANY($3::text[]) AND restricted_at IS NULL', [
      subject,
      erasure.at,
      erasure.heldEventTypes,
    ]);
    // The relationship ends: every restricted decision of the subject starts its hold (an earlier end stands).
    if (erasure.holdUntil)
      await manager.query('UPDATE risk.decisions SET hold_until = $2 WHERE subject_id = $1 AND restricted_at IS NOT NULL AND hold_until IS NULL', [
        subject,
        erasure.holdUntil,
      ]);
    // Everything else: no longer about anyone. Its review requests go with the link.
    const anonymised = await anonymiseDecisions(
      manager,
      'SELECT id, occurred_at, subject_id FROM risk.decisions WHERE subject_id = $1 AND restricted_at IS NULL FOR UPDATE',
      [subject],
      erasure.at,
    );
    // Reviews left belong to held decisions: out of the analysts' queue with them.
    await manager.query('UPDATE risk.decision_reviews SET restricted_at = $2 WHERE subject_id = $1 AND restricted_at IS NULL', [subject, erasure.at]);
    // Velocity: the subject's events stop counting (device counts included); the longest window is a week.
    const events = await count(manager, 'DELETE FROM risk.velocity_events WHERE subject_id = $1 RETURNING decision_id', [subject]);
    await deleteDeliveredAuditCopies(manager, [subject]);
    const held = await queryRows<{ hold_until: Date | null; records: number }>(
      manager,
      `SELECT hold_until, count(*)::int AS records FROM risk.decisions WHERE subject_id = $1 AND restricted_at IS NOT NULL
       GROUP BY hold_until ORDER BY hold_until NULLS FIRST`,
      [subject],
    );
    return {
      deleted: events + anonymised.reviewsDeleted,
      anonymised: anonymised.anonymised,
      held: held.map((row): HeldRecords => ({ ...(row.hold_until ? { holdUntil: row.hold_until } : {}), records: row.records })),
    };
  }
}
