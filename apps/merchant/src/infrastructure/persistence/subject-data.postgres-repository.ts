import { Injectable } from '@nestjs/common';
import { AuditRecorder } from '#libs/audit';
import { isUniqueViolation, queryRows } from '#libs/db';
import { PiiVault } from '#libs/pii';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { ApplicationStatus, Reason } from '../../applications/application.js';
import { documentReferences } from '../../applications/form/form-merge.js';
import { changeStatus } from '../../applications/status-change.js';
import type { DocumentContentType, DocumentKind } from '../../documents/document.js';
import { documentHolds } from '../../subject-data/document-holds.js';
import { groupHeld, HELD_DOCUMENTS, HELD_RECORDS, type HeldGroup } from '../../subject-data/held-category.js';
import { planErasure } from '../../subject-data/merchant-records.js';
import {
  SubjectDataRepository,
  type CorrectionCommand,
  type ErasureCommand,
  type ErasureOutcome,
  type ErasureResult,
  type SubjectApplication,
  type SubjectRecords,
} from '../../subject-data/subject-data.repository.js';
import { WEBHOOK_TOPIC } from '../../webhooks/webhook-topic.js';
import { insertTransition, reviewDecisionsOf, transitionsOf } from './application-history.sql.js';
import { APPLICATION_COLUMNS, decryptForm, FORM, toApplication, type ApplicationRow } from './application.rows.js';
import { ERASED_SUBJECT, formsOf, subjectRef } from './subject-data.sql.js';

type OwnedRow = ApplicationRow & { restricted_at: Date | null; restricted_status: ApplicationStatus | null; hold_until: Date | null; closed_at: Date | null };

/** The subject's records: the onboarding applications they created, and the upgrade requests on them. */
const OWNED = `(a.kind = 'ONBOARDING' AND a.created_by = $1)
  OR a.parent_id IN (SELECT o.id FROM merchant.applications o WHERE o.kind = 'ONBOARDING' AND o.created_by = $1)`;

const OWNED_COLUMNS = `${APPLICATION_COLUMNS.split(',')
  .map((column) => `a.${column.trim()}`)
  .join(', ')}, a.restricted_at, a.restricted_status, a.hold_until,
  (SELECT max(t.occurred_at) FROM merchant.application_transitions t WHERE t.application_id = a.id AND t.to_status = 'CLOSED') AS closed_at`;

const PREVIOUS = { table: 'merchant.form_corrections', column: 'previous' };

@Injectable()
export class SubjectDataPostgresRepository extends SubjectDataRepository {
  private readonly audit = new AuditRecorder('merchant');

  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: PiiVault,
  ) {
    super();
  }

  async recordsOf(subjectId: string): Promise<SubjectRecords> {
    const rows: OwnedRow[] = await this.dataSource.query(`SELECT ${OWNED_COLUMNS} FROM merchant.applications a WHERE ${OWNED} ORDER BY a.created_at, a.id`, [
      subjectId,
    ]);
    const ids = rows.map((row) => row.id);
    const [history, decisions, corrections] = await Promise.all([
      transitionsOf(this.dataSource, ids),
      reviewDecisionsOf(this.dataSource, ids),
      this.corrections(ids),
    ]);
    const applications: SubjectApplication[] = rows.map((row) => ({
      application: toApplication(row, this.vault),
      ...(row.restricted_at ? { restrictedAt: row.restricted_at } : {}),
      ...(row.hold_until ? { holdUntil: row.hold_until } : {}),
      history: history.filter((entry) => entry.applicationId === row.id).map((entry) => entry.transition),
      decisions: decisions.filter((decision) => decision.applicationId === row.id),
      corrections: corrections.filter((correction) => correction.applicationId === row.id).map(({ applicationId: _id, ...rest }) => rest),
    }));
    const named = applications.flatMap((record) => documentReferences(record.application.form).map((reference) => reference.id));
    const documents: Array<{
      id: string;
      merchant_id: string;
      kind: DocumentKind;
      content_type: DocumentContentType;
      size_bytes: number;
      sha256: string;
      created_at: Date;
      restricted_at: Date | null;
    }> = await this.dataSource.query(
      `SELECT id, merchant_id, kind, content_type, size_bytes, sha256, created_at, restricted_at FROM merchant.documents
       WHERE uploaded_by = $1 OR id = ANY($2::uuid[]) ORDER BY created_at, id`,
      [subjectId, named],
    );
    const merchants = [...new Set(rows.filter((row) => row.kind === 'ONBOARDING').map((row) => row.merchant_id))];
    const webhooks: Array<{ merchant_id: string; url: string; updated_at: Date }> = await this.dataSource.query(
      'SELECT merchant_id, url, updated_at FROM merchant.webhooks WHERE updated_by = $1 OR merchant_id = ANY($2) ORDER BY merchant_id',
      [subjectId, merchants],
    );
    return {
      applications,
      documents: documents.map((row) => ({
        document: {
          id: row.id,
          merchantId: row.merchant_id,
          kind: row.kind,
          contentType: row.content_type,
          size: row.size_bytes,
          sha256: row.sha256,
          createdAt: row.created_at,
        },
        restricted: row.restricted_at !== null,
      })),
      webhooks: webhooks.map((row) => ({ merchantId: row.merchant_id, url: row.url, updatedAt: row.updated_at })),
    };
  }

  correct(command: CorrectionCommand): Promise<number> {
    const { group, field } = command.path;
    return this.dataSource.transaction(async (manager) => {
      // Individual merchants' usable records: their owner is the subject (contact-fields.ts).
      const rows: Array<{ id: string; form_enc: Buffer }> = await manager.query(
        `SELECT id, form_enc FROM merchant.applications
         WHERE kind = 'ONBOARDING' AND type = 'INDIVIDUAL' AND created_by = $1 AND restricted_at IS NULL ORDER BY id FOR UPDATE`,
        [command.subjectId],
      );
      // A retry of the same request counts what it changed the first time, and changes nothing again.
      const done: Array<{ application_id: string }> = await manager.query(
        `SELECT c.application_id FROM merchant.form_corrections c JOIN merchant.applications a ON a.id = c.application_id
         WHERE c.request_id = $1 AND a.created_by = $2`,
        [command.requestId, command.subjectId],
      );
      const corrected = new Set(done.map((row) => row.application_id));
      let updated = corrected.size;
      for (const row of rows) {
        if (corrected.has(row.id)) continue;
        const form = decryptForm(this.vault, row.form_enc) as Record<string, Record<string, string> | undefined>;
        const values = form[group];
        // Nothing recorded of this person or store: nothing to correct.
        if (!values || values[field] === command.value) continue;
        const previous = values[field];
        form[group] = { ...values, [field]: command.value };
        await manager.query('UPDATE merchant.applications SET form_enc = $2, updated_at = $3, version = version + 1 WHERE id = $1', [
          row.id,
          this.vault.encryptString(JSON.stringify(form), FORM),
          command.at,
        ]);
        await manager.query(
          `INSERT INTO merchant.form_corrections (id, application_id, request_id, field, previous_enc, corrected_at) VALUES ($1, $2, $3, $4, $5, $6)`,
          [randomUUID(), row.id, command.requestId, `${group}.${field}`, previous ? this.vault.encryptString(previous, PREVIOUS) : null, command.at],
        );
        updated++;
      }
      return updated;
    });
  }

  async erase(command: ErasureCommand): Promise<ErasureResult> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        // One erasure of a subject at a time: each sees what the one before it did.
        await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`merchant-erasure:${command.subjectId}`]);
        const receipt = await this.receipt(manager, command);
        if (receipt) return receipt;
        const outcome = await this.eraseIn(manager, command);
        await manager.query('INSERT INTO merchant.erasure_requests (request_id, subject_ref, mode, result, erased_at) VALUES ($1, $2, $3, $4, $5)', [
          command.requestId,
          subjectRef(this.vault, command.subjectId),
          command.mode,
          JSON.stringify(outcome),
          command.at,
        ]);
        return { status: 'DONE', outcome } as const;
      });
    } catch (error) {
      // The same request id raced in for another subject: its answer is there now.
      if (isUniqueViolation(error, 'erasure_requests_pkey')) return (await this.receipt(this.dataSource.manager, command)) ?? { status: 'CONFLICT' };
      throw error;
    }
  }

  private async receipt(manager: EntityManager, command: ErasureCommand): Promise<ErasureResult | undefined> {
    const rows: Array<{ subject_ref: string; mode: string; result: ErasureOutcome & { held: Array<{ holdUntil?: string }> } }> = await manager.query(
      'SELECT subject_ref, mode, result FROM merchant.erasure_requests WHERE request_id = $1',
      [command.requestId],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.subject_ref !== subjectRef(this.vault, command.subjectId) || row.mode !== command.mode) return { status: 'CONFLICT' };
    const held = row.result.held.map((group) => ({ ...group, ...(group.holdUntil ? { holdUntil: new Date(group.holdUntil) } : {}) })) as HeldGroup[];
    return { status: 'REPLAYED', outcome: { ...row.result, held } };
  }

  /** The erasure itself (docs/merchant.md): close, restrict what the hold keeps, delete the rest, anonymise traces on others' records. */
  private async eraseIn(manager: EntityManager, command: ErasureCommand): Promise<ErasureOutcome> {
    const { subjectId, at } = command;
    const rows: OwnedRow[] = await manager.query(`SELECT ${OWNED_COLUMNS} FROM merchant.applications a WHERE ${OWNED} ORDER BY a.id FOR UPDATE OF a`, [
      subjectId,
    ]);
    const plan = planErasure(
      rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        status: row.status,
        ...(row.parent_id ? { parentId: row.parent_id } : {}),
        restricted: row.restricted_at !== null,
        ...(row.hold_until ? { holdUntil: row.hold_until } : {}),
        ...(row.closed_at ? { closedAt: row.closed_at } : {}),
      })),
      command.mode,
      at,
      command.holdUntil,
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    let deleted = 0;
    let anonymised = 0;

    for (const id of plan.close) await this.close(manager, byId.get(id)!, command.closedBy, command.closeReasons, at);
    for (const kept of plan.keep) {
      await manager.query(
        `UPDATE merchant.applications SET restricted_at = COALESCE(restricted_at, $2), restricted_status = COALESCE(restricted_status, $3),
           hold_until = COALESCE(hold_until, $4), next_check_at = NULL, check_lease_until = NULL, version = version + 1 WHERE id = $1`,
        [kept.id, at, byId.get(kept.id)!.status, kept.holdUntil ?? null],
      );
    }

    // Documents: named by a record someone still uses → stays (the subject's name on it is removed);
    // named by a kept record → restricted with it; otherwise deleted.
    const keptForms = plan.keep.map((kept) => ({
      form: decryptForm(this.vault, byId.get(kept.id)!.form_enc),
      ...(kept.holdUntil ? { holdUntil: kept.holdUntil } : {}),
    }));
    const namedByOwned = rows.flatMap((row) => documentReferences(decryptForm(this.vault, row.form_enc)).map((reference) => reference.id));
    const candidates: Array<{ id: string; merchant_id: string; uploaded_by: string }> = await manager.query(
      'SELECT id, merchant_id, uploaded_by FROM merchant.documents WHERE uploaded_by = $1 OR id = ANY($2::uuid[]) FOR UPDATE',
      [subjectId, namedByOwned],
    );
    const merchants = [...new Set([...rows.map((row) => row.merchant_id), ...candidates.map((row) => row.merchant_id)])];
    const namedByOthers = new Set(
      (await formsOf(manager, this.vault, 'merchant_id = ANY($1) AND NOT (id = ANY($2::uuid[]))', [merchants, rows.map((row) => row.id)])).flatMap((form) =>
        documentReferences(form).map((reference) => reference.id),
      ),
    );
    const holds = documentHolds(keptForms);
    const heldDocuments: Array<{ category: typeof HELD_DOCUMENTS; holdUntil?: Date }> = [];
    const toDelete: string[] = [];
    for (const document of candidates) {
      if (namedByOthers.has(document.id)) {
        if (document.uploaded_by === subjectId) {
          await manager.query('UPDATE merchant.documents SET uploaded_by = $2 WHERE id = $1', [document.id, ERASED_SUBJECT]);
          anonymised++;
        }
      } else if (holds.has(document.id)) {
        await manager.query('UPDATE merchant.documents SET restricted_at = COALESCE(restricted_at, $2) WHERE id = $1', [document.id, at]);
        const until = holds.get(document.id);
        heldDocuments.push({ category: HELD_DOCUMENTS, ...(until ? { holdUntil: until } : {}) });
      } else toDelete.push(document.id);
    }
    if (toDelete.length > 0) deleted += (await queryRows(manager, 'DELETE FROM merchant.documents WHERE id = ANY($1::uuid[]) RETURNING id', [toDelete])).length;

    if (plan.delete.length > 0) {
      await manager.query('DELETE FROM merchant.application_transitions WHERE application_id = ANY($1::uuid[])', [plan.delete]);
      await manager.query('DELETE FROM merchant.review_decisions WHERE application_id = ANY($1::uuid[])', [plan.delete]);
      // Upgrades before the onboarding records they hang off.
      const upgrades = await queryRows(manager, "DELETE FROM merchant.applications WHERE id = ANY($1::uuid[]) AND kind = 'UPGRADE' RETURNING id", [
        plan.delete,
      ]);
      const onboarding = await queryRows(manager, 'DELETE FROM merchant.applications WHERE id = ANY($1::uuid[]) RETURNING id', [plan.delete]);
      deleted += upgrades.length + onboarding.length;
    }
    // No more webhooks about any of them: undelivered events are dropped (dead letters too, so none is replayed).
    await manager.query(`DELETE FROM merchant.outbox WHERE topic = $1 AND status <> 'DELIVERED' AND payload->>'application_id' = ANY($2)`, [
      WEBHOOK_TOPIC,
      rows.map((row) => row.id),
    ]);

    const webhooks = await this.eraseWebhooks(manager, subjectId, [...new Set(rows.map((row) => row.merchant_id))]);
    deleted += webhooks.deleted;
    anonymised += webhooks.anonymised;
    anonymised += await this.anonymiseTraces(manager, subjectId);

    const held = groupHeld([
      ...plan.keep.map((kept) => ({ category: HELD_RECORDS as typeof HELD_RECORDS, ...(kept.holdUntil ? { holdUntil: kept.holdUntil } : {}) })),
      ...heldDocuments,
    ]);
    return { deleted, anonymised, held };
  }

  /** CLOSE_ACCOUNT ends the relationship: CLOSED with its history row and audit entry, as an admin close. No webhook: the record is restricted. */
  private async close(manager: EntityManager, row: OwnedRow, actor: ErasureCommand['closedBy'], reasons: Reason[], at: Date): Promise<void> {
    const change = changeStatus(toApplication(row, this.vault), 'CLOSE', actor, reasons, at);
    await manager.query('UPDATE merchant.applications SET status = $2, reasons = $3, updated_at = $4 WHERE id = $1', [
      row.id,
      change.application.status,
      JSON.stringify(reasons),
      at,
    ]);
    await insertTransition(manager, row.id, change.transition);
    for (const [index, record] of change.audit.entries()) await this.audit.record(manager, record, `${change.transition.eventId}:${index}`);
  }

  /**
   * Webhook settings are the merchant account's: deleted once the account has
   * no usable record left, otherwise kept without the subject's name on them.
   */
  private async eraseWebhooks(manager: EntityManager, subjectId: string, merchants: string[]): Promise<{ deleted: number; anonymised: number }> {
    const deleted = await queryRows(
      manager,
      `DELETE FROM merchant.webhooks w WHERE (w.merchant_id = ANY($2) OR w.updated_by = $1)
         AND NOT EXISTS (SELECT 1 FROM merchant.applications a WHERE a.merchant_id = w.merchant_id AND a.restricted_at IS NULL) RETURNING merchant_id`,
      [subjectId, merchants],
    );
    const anonymised = await queryRows(manager, 'UPDATE merchant.webhooks SET updated_by = $2 WHERE updated_by = $1 RETURNING merchant_id', [
      subjectId,
      ERASED_SUBJECT,
    ]);
    return { deleted: deleted.length, anonymised: anonymised.length };
  }

  /** What the subject did on records that are not theirs (submitted a colleague's application, opened an upgrade) keeps no trace of them. */
  private async anonymiseTraces(manager: EntityManager, subjectId: string): Promise<number> {
    const transitions = await queryRows(
      manager,
      `UPDATE merchant.application_transitions t SET actor_id = $2 FROM merchant.applications a
       WHERE a.id = t.application_id AND a.restricted_at IS NULL AND t.actor_type = 'MERCHANT' AND t.actor_id = $1 RETURNING t.event_id`,
      [subjectId, ERASED_SUBJECT],
    );
    const upgrades = await queryRows(
      manager,
      'UPDATE merchant.applications SET created_by = NULL WHERE created_by = $1 AND restricted_at IS NULL RETURNING id',
      [subjectId],
    );
    return transitions.length + upgrades.length;
  }

  private async corrections(ids: string[]): Promise<Array<SubjectApplication['corrections'][number] & { applicationId: string }>> {
    const rows: Array<{ application_id: string; field: string; request_id: string; previous_enc: Buffer | null; corrected_at: Date }> =
      await this.dataSource.query(
        `SELECT application_id, field, request_id, previous_enc, corrected_at FROM merchant.form_corrections
         WHERE application_id = ANY($1::uuid[]) ORDER BY corrected_at, id`,
        [ids],
      );
    return rows.map((row) => ({
      applicationId: row.application_id,
      field: row.field,
      requestId: row.request_id,
      ...(row.previous_enc ? { previousValue: this.vault.decryptString(row.previous_enc, PREVIOUS) } : {}),
      correctedAt: row.corrected_at,
    }));
  }
}
