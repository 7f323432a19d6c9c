import { Injectable } from '@nestjs/common';
import { PiiVault } from '#libs/pii';
import type { LegalBasis } from '#libs/sharing';
import { DataSource } from 'typeorm';
import type { NewAuditEntry } from '../../audit/audit-entry.js';
import type { BillingRow, Completion, Disclosure, DisclosureOutcome } from '../../disclosures/disclosure.js';
import { DisclosureRepository } from '../../disclosures/disclosure.repository.js';
import { appendAuditEntries } from './audit-log.sql.js';
import { latestConsentEvent, lockConsent } from './consent-ledger.postgres-repository.js';

interface DisclosureRow {
  id: string;
  subject_id: string;
  recipient_id: string;
  purpose: string;
  legal_basis: LegalBasis;
  fields: string[];
  requested_by: string;
  refs: Record<string, string>;
  authorized_at: Date;
  completed_at: Date | null;
  outcome: DisclosureOutcome | null;
  billed: boolean;
  latency_ms: number | null;
  result_code: string | null;
}

const COLUMNS =
  'id, subject_id, recipient_id, purpose, legal_basis, fields, requested_by, refs, authorized_at, completed_at, outcome, billed, latency_ms, result_code';

function toDisclosure(row: DisclosureRow): Disclosure {
  return {
    id: row.id,
    subjectId: row.subject_id,
    recipientId: row.recipient_id,
    purpose: row.purpose,
    legalBasis: row.legal_basis,
    fields: row.fields,
    requestedBy: row.requested_by,
    references: row.refs,
    authorizedAt: row.authorized_at,
    billed: row.billed,
    ...(row.completed_at ? { completedAt: row.completed_at } : {}),
    ...(row.outcome ? { outcome: row.outcome } : {}),
    ...(row.latency_ms !== null ? { latencyMs: row.latency_ms } : {}),
    ...(row.result_code ? { resultCode: row.result_code } : {}),
  };
}

@Injectable()
export class DisclosurePostgresRepository extends DisclosureRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: PiiVault,
  ) {
    super();
  }

  authorize(disclosure: Disclosure, audit: NewAuditEntry, consentPurposes: string[]): Promise<{ missingConsent?: string }> {
    return this.dataSource.transaction(async (manager) => {
      for (const purpose of consentPurposes) {
        // Shared lock: disclosures run in parallel, but not across a grant or withdrawal of the same consent.
        await lockConsent(manager, disclosure.subjectId, purpose, 'shared');
        const latest = await latestConsentEvent(manager, disclosure.subjectId, purpose);
        if (latest?.action !== 'GRANT') return { missingConsent: purpose };
      }
      await manager.query(
        `INSERT INTO privacy.disclosures (id, subject_id, recipient_id, purpose, legal_basis, fields, requested_by, refs, authorized_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          disclosure.id,
          disclosure.subjectId,
          disclosure.recipientId,
          disclosure.purpose,
          disclosure.legalBasis,
          disclosure.fields,
          disclosure.requestedBy,
          JSON.stringify(disclosure.references),
          disclosure.authorizedAt,
        ],
      );
      await appendAuditEntries(manager, this.vault, [audit]);
      return {};
    });
  }

  complete(id: string, completion: Completion, audit: (disclosure: Disclosure) => NewAuditEntry): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const rows: DisclosureRow[] = await manager.query(`SELECT ${COLUMNS} FROM privacy.disclosures WHERE id = $1 FOR UPDATE`, [id]);
      const row = rows[0];
      if (!row) return false;
      if (row.completed_at) return true;
      await manager.query(`UPDATE privacy.disclosures SET completed_at = $2, outcome = $3, billed = $4, latency_ms = $5, result_code = $6 WHERE id = $1`, [
        id,
        completion.completedAt,
        completion.outcome,
        completion.billed,
        completion.latencyMs,
        completion.resultCode ?? null,
      ]);
      const completed = { ...toDisclosure(row), ...completion };
      await appendAuditEntries(manager, this.vault, [audit(completed)]);
      return true;
    });
  }

  async staleIds(before: Date, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      'SELECT id FROM privacy.disclosures WHERE completed_at IS NULL AND authorized_at < $1 ORDER BY authorized_at LIMIT $2',
      [before, limit],
    );
    return rows.map((row) => row.id);
  }

  async listBySubject(subjectId: string, limit: number, after?: { authorizedAt: string; id: string }): Promise<Disclosure[]> {
    const rows: DisclosureRow[] = after
      ? await this.dataSource.query(
          `SELECT ${COLUMNS} FROM privacy.disclosures WHERE subject_id = $1 AND (authorized_at, id) < ($2::timestamptz, $3::uuid) ORDER BY authorized_at DESC, id DESC LIMIT $4`,
          [subjectId, after.authorizedAt, after.id, limit],
        )
      : await this.dataSource.query(`SELECT ${COLUMNS} FROM privacy.disclosures WHERE subject_id = $1 ORDER BY authorized_at DESC, id DESC LIMIT $2`, [
          subjectId,
          limit,
        ]);
    return rows.map(toDisclosure);
  }

  async billing(fromDay: string, toDay: string): Promise<BillingRow[]> {
    // Days are counted in China time, as the providers' invoices are.
    const rows: Array<{ day: string; recipient_id: string; billed: string; unbilled: string }> = await this.dataSource.query(
      `SELECT to_char(completed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, recipient_id,
              count(*) FILTER (WHERE billed) AS billed, count(*) FILTER (WHERE NOT billed) AS unbilled
       FROM privacy.disclosures
       WHERE completed_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND completed_at < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [fromDay, toDay],
    );
    return rows.map((row) => ({ day: row.day, recipientId: row.recipient_id, billedCalls: Number(row.billed), unbilledCalls: Number(row.unbilled) }));
  }
}
