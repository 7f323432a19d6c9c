import { Injectable } from '@nestjs/common';
import { queryRows } from '#libs/db';
import { DataSource, type EntityManager } from 'typeorm';
import { RetentionRepository, type RetentionCounts } from '../../subject-data/retention.repository.js';
import type { RetentionCutoffs } from '../../subject-data/retention-policy.js';
import { anonymiseDecisions, deleteDeliveredAuditCopies, type AnonymisedBatch } from './decision-anonymisation.sql.js';

const BATCH = 1000;

const count = async (manager: EntityManager | DataSource, sql: string, parameters: unknown[]): Promise<number> =>
  (await queryRows(manager, sql, parameters)).length;

/**
 * Retention of the risk schema, in batches of small transactions (SKIP
 * LOCKED: two sweeps never fight over a row, and a decision an analyst is
 * labelling this instant waits for the next run). Each action is complete on
 * its own and idempotent. Only risk tables are touched; audit entries still
 * waiting in the outbox never are.
 */
@Injectable()
export class RetentionPostgresRepository extends RetentionRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async apply(cutoffs: RetentionCutoffs, at: Date): Promise<RetentionCounts> {
    // Past retention and under no hold (a restricted decision is held, its hold started or not).
    const expired = await this.inBatches(
      `SELECT id, occurred_at, subject_id FROM risk.decisions WHERE occurred_at < $1 AND anonymised_at IS NULL AND restricted_at IS NULL
       ORDER BY occurred_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      [cutoffs.decisionsBefore],
      at,
    );
    const ended = await this.inBatches(
      `SELECT id, occurred_at, subject_id FROM risk.decisions WHERE hold_until < $1 ORDER BY hold_until, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      [cutoffs.holdsEndedBefore],
      at,
      (manager, batch) => this.releaseSubjects(manager, batch.subjects),
    );
    const receipts = await count(this.dataSource, 'DELETE FROM risk.erasures WHERE erased_at < $1 RETURNING request_id', [cutoffs.erasureReceiptsBefore]);
    const outboxPurged = await count(this.dataSource, "DELETE FROM risk.outbox WHERE status = 'DELIVERED' AND delivered_at < $1 RETURNING id", [
      cutoffs.outboxDeliveredBefore,
    ]);
    return {
      decisionsAnonymised: expired.anonymised,
      holdsEnded: ended.anonymised,
      reviewsDeleted: expired.reviewsDeleted + ended.reviewsDeleted,
      erasureReceiptsPurged: receipts + ended.receipts,
      outboxPurged,
    };
  }

  /** Anonymises what `pick` selects, a batch per transaction, until a batch comes back short. */
  private async inBatches(
    pick: string,
    parameters: unknown[],
    at: Date,
    after?: (manager: EntityManager, batch: AnonymisedBatch) => Promise<number>,
  ): Promise<{ anonymised: number; reviewsDeleted: number; receipts: number }> {
    const totals = { anonymised: 0, reviewsDeleted: 0, receipts: 0 };
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const done = await anonymiseDecisions(manager, pick, parameters, at);
        return { ...done, receipts: after && done.anonymised > 0 ? await after(manager, done) : 0 };
      });
      totals.anonymised += batch.anonymised;
      totals.reviewsDeleted += batch.reviewsDeleted;
      totals.receipts += batch.receipts;
      if (batch.anonymised < BATCH) return totals;
    }
  }

  /**
   * A subject nothing is left of (no decision names them any more) needs no
   * erasure receipt, and the delivered copies of audit entries about them go:
   * the last traces of them in the schema. A subject who came back after
   * closing keeps the new relationship's data.
   */
  private async releaseSubjects(manager: EntityManager, subjects: string[]): Promise<number> {
    const gone = (
      await queryRows<{ subject_id: string }>(
        manager,
        `SELECT u.subject_id FROM unnest($1::varchar[]) AS u(subject_id)
         WHERE NOT EXISTS (SELECT 1 FROM risk.decisions d WHERE d.subject_id = u.subject_id)`,
        [subjects],
      )
    ).map((row) => row.subject_id);
    if (gone.length === 0) return 0;
    await manager.query('DELETE FROM risk.decision_reviews WHERE subject_id = ANY($1::varchar[])', [gone]);
    await deleteDeliveredAuditCopies(manager, gone);
    return count(manager, 'DELETE FROM risk.erasures WHERE subject_id = ANY($1::varchar[]) RETURNING request_id', [gone]);
  }
}
