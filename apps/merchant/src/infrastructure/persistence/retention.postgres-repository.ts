import { Injectable } from '@nestjs/common';
import { queryRows } from '#libs/db';
import { PiiVault } from '#libs/pii';
import { DataSource, type EntityManager } from 'typeorm';
import { documentReferences } from '../../applications/form/form-merge.js';
import { RetentionRepository, type RetentionCounts } from '../../subject-data/retention.repository.js';
import type { RetentionCutoffs } from '../../subject-data/retention-policy.js';
import { WEBHOOK_TOPIC } from '../../webhooks/webhook-topic.js';
import { decryptForm } from './application.rows.js';
import { formsOf, subjectRef } from './subject-data.sql.js';

const BATCH = 100;

const count = async (manager: EntityManager | DataSource, sql: string, parameters: unknown[]): Promise<number> =>
  (await queryRows<{ n: number }>(manager, `WITH gone AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM gone`, parameters))[0]!.n;

/**
 * Retention of the merchant schema, in small transactions (SKIP LOCKED, so
 * two sweeps never fight over a row). Only merchant tables are touched; the
 * audit entries still waiting in the outbox are never deleted.
 */
@Injectable()
export class RetentionPostgresRepository extends RetentionRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: PiiVault,
  ) {
    super();
  }

  async apply(cutoffs: RetentionCutoffs): Promise<RetentionCounts> {
    const holds = await this.endHolds(cutoffs.holdsEndedBefore);
    const drafts = await this.purgeDrafts(cutoffs.draftsUntouchedSince);
    const unnamed = await this.purgeUnnamedDocuments(cutoffs.draftsUntouchedSince);
    const outboxPurged = await count(this.dataSource, "DELETE FROM merchant.outbox WHERE status = 'DELIVERED' AND delivered_at < $1", [
      cutoffs.outboxDeliveredBefore,
    ]);
    const erasureReceiptsPurged = await count(this.dataSource, 'DELETE FROM merchant.erasure_requests WHERE erased_at < $1', [cutoffs.erasureReceiptsBefore]);
    return {
      holdsEnded: holds.holdsEnded,
      recordsDeleted: holds.recordsDeleted,
      documentsDeleted: holds.documentsDeleted + drafts.documentsDeleted + unnamed,
      draftsPurged: drafts.draftsPurged,
      outboxPurged,
      erasureReceiptsPurged,
    };
  }

  /**
   * Holds that ended: the merchant record (the onboarding application and
   * its upgrades), its history, decisions and corrections, the documents it
   * named that nothing else names, the outbox messages about it that are no
   * longer needed, and, once nothing of the subject is held any more, their
   * erasure receipts. Afterwards nothing of it is left in the schema.
   */
  private async endHolds(before: Date): Promise<{ holdsEnded: number; recordsDeleted: number; documentsDeleted: number }> {
    const totals = { holdsEnded: 0, recordsDeleted: 0, documentsDeleted: 0 };
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const roots: Array<{ id: string; created_by: string | null }> = await manager.query(
          `SELECT id, created_by FROM merchant.applications WHERE kind = 'ONBOARDING' AND hold_until < $1
           ORDER BY hold_until, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          [before],
        );
        if (roots.length === 0) return undefined;
        const rootIds = roots.map((root) => root.id);
        const rows: Array<{ id: string; merchant_id: string; form_enc: Buffer }> = await manager.query(
          'SELECT id, merchant_id, form_enc FROM merchant.applications WHERE id = ANY($1::uuid[]) OR parent_id = ANY($1::uuid[]) FOR UPDATE',
          [rootIds],
        );
        const ids = rows.map((row) => row.id);
        const merchants = [...new Set(rows.map((row) => row.merchant_id))];
        const named = rows.flatMap((row) => documentReferences(decryptForm(this.vault, row.form_enc)).map((reference) => reference.id));
        const namedByOthers = await this.namedBy(manager, 'merchant_id = ANY($1) AND NOT (id = ANY($2::uuid[]))', [merchants, ids]);
        // What these records named, and restricted leftovers of the same accounts, unless another record names them.
        const documentsDeleted = await count(
          manager,
          `DELETE FROM merchant.documents WHERE merchant_id = ANY($1) AND (id = ANY($2::uuid[]) OR restricted_at IS NOT NULL) AND NOT (id = ANY($3::uuid[]))`,
          [merchants, named, namedByOthers],
        );
        // Delivered audit entries are already in the privacy service's log; waiting ones stay until they are.
        await manager.query(
          `DELETE FROM merchant.outbox WHERE (status = 'DELIVERED' OR topic = $2)
             AND (payload->>'application_id' = ANY($1::text[]) OR payload->'payload'->>'application_id' = ANY($1::text[]))`,
          [ids, WEBHOOK_TOPIC],
        );
        const recordsDeleted = await this.deleteApplications(manager, ids);
        await this.deleteReceiptsOfReleasedSubjects(manager, [...new Set(roots.flatMap((root) => (root.created_by ? [root.created_by] : [])))]);
        return { holdsEnded: roots.length, recordsDeleted, documentsDeleted };
      });
      if (!batch) return totals;
      totals.holdsEnded += batch.holdsEnded;
      totals.recordsDeleted += batch.recordsDeleted;
      totals.documentsDeleted += batch.documentsDeleted;
    }
  }

  /** Drafts never submitted and untouched since the cutoff, with the documents only they named. */
  private async purgeDrafts(untouchedSince: Date): Promise<{ draftsPurged: number; documentsDeleted: number }> {
    const totals = { draftsPurged: 0, documentsDeleted: 0 };
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const rows: Array<{ id: string; merchant_id: string; form_enc: Buffer }> = await manager.query(
          `SELECT id, merchant_id, form_enc FROM merchant.applications
           WHERE status = 'DRAFT' AND submitted_at IS NULL AND updated_at < $1 AND restricted_at IS NULL
           ORDER BY updated_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          [untouchedSince],
        );
        if (rows.length === 0) return undefined;
        const ids = rows.map((row) => row.id);
        const merchants = [...new Set(rows.map((row) => row.merchant_id))];
        const named = rows.flatMap((row) => documentReferences(decryptForm(this.vault, row.form_enc)).map((reference) => reference.id));
        const namedByOthers = await this.namedBy(manager, 'merchant_id = ANY($1) AND NOT (id = ANY($2::uuid[]))', [merchants, ids]);
        const documentsDeleted = await count(
          manager,
          'DELETE FROM merchant.documents WHERE merchant_id = ANY($1) AND id = ANY($2::uuid[]) AND NOT (id = ANY($3::uuid[])) AND restricted_at IS NULL',
          [merchants, named, namedByOthers],
        );
        return { draftsPurged: await this.deleteApplications(manager, ids), documentsDeleted };
      });
      if (!batch) return totals;
      totals.draftsPurged += batch.draftsPurged;
      totals.documentsDeleted += batch.documentsDeleted;
    }
  }

  /** Uploads older than the cutoff that no application names (abandoned, or left over by a purged draft). */
  private async purgeUnnamedDocuments(createdBefore: Date): Promise<number> {
    let deleted = 0;
    let after: { at: Date; id: string } | undefined;
    for (;;) {
      const candidates: Array<{ id: string; merchant_id: string; created_at: Date }> = await this.dataSource.query(
        `SELECT id, merchant_id, created_at FROM merchant.documents
         WHERE created_at < $1 AND restricted_at IS NULL AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
         ORDER BY created_at, id LIMIT ${BATCH}`,
        [createdBefore, after?.at ?? null, after?.id ?? null],
      );
      const last = candidates.at(-1);
      if (!last) return deleted;
      after = { at: last.created_at, id: last.id };
      deleted += await this.dataSource.transaction(async (manager) => {
        const merchants = [...new Set(candidates.map((candidate) => candidate.merchant_id))];
        const named = new Set(await this.namedBy(manager, 'merchant_id = ANY($1)', [merchants]));
        const unnamed = candidates.filter((candidate) => !named.has(candidate.id)).map((candidate) => candidate.id);
        return unnamed.length === 0 ? 0 : count(manager, 'DELETE FROM merchant.documents WHERE id = ANY($1::uuid[]) AND restricted_at IS NULL', [unnamed]);
      });
    }
  }

  private async namedBy(manager: EntityManager, where: string, parameters: unknown[]): Promise<string[]> {
    return (await formsOf(manager, this.vault, where, parameters)).flatMap((form) => documentReferences(form).map((reference) => reference.id));
  }

  /** Applications with their history and decisions (corrections go with them); upgrades before the records they hang off. */
  private async deleteApplications(manager: EntityManager, ids: string[]): Promise<number> {
    await manager.query('DELETE FROM merchant.application_transitions WHERE application_id = ANY($1::uuid[])', [ids]);
    await manager.query('DELETE FROM merchant.review_decisions WHERE application_id = ANY($1::uuid[])', [ids]);
    const upgrades = await count(manager, "DELETE FROM merchant.applications WHERE id = ANY($1::uuid[]) AND kind = 'UPGRADE'", [ids]);
    return upgrades + (await count(manager, 'DELETE FROM merchant.applications WHERE id = ANY($1::uuid[])', [ids]));
  }

  /** A subject with nothing held any more needs no erasure receipt: the last trace of them goes. */
  private async deleteReceiptsOfReleasedSubjects(manager: EntityManager, subjects: string[]): Promise<void> {
    if (subjects.length === 0) return;
    const stillHeld: Array<{ created_by: string }> = await manager.query(
      'SELECT DISTINCT created_by FROM merchant.applications WHERE created_by = ANY($1) AND restricted_at IS NOT NULL',
      [subjects],
    );
    const held = new Set(stillHeld.map((row) => row.created_by));
    const released = subjects.filter((subject) => !held.has(subject)).map((subject) => subjectRef(this.vault, subject));
    if (released.length > 0) await manager.query('DELETE FROM merchant.erasure_requests WHERE subject_ref = ANY($1)', [released]);
  }
}
