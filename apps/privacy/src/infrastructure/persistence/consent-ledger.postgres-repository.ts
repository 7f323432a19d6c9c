import { Injectable } from '@nestjs/common';
import { PiiVault } from '#libs/pii';
import { DataSource, type EntityManager } from 'typeorm';
import type { NewAuditEntry } from '../../audit/audit-entry.js';
import type { ConsentAction, ConsentEvent } from '../../consents/consent.js';
import { ConsentLedgerRepository } from '../../consents/consent-ledger.repository.js';
import { appendAuditEntries } from './audit-log.sql.js';

interface EventRow {
  id: string;
  subject_id: string;
  purpose: string;
  action: ConsentAction;
  policy_version: string;
  policy_text_sha256: string;
  channel: string;
  grant_id: string | null;
  occurred_at: Date;
}

const COLUMNS = 'id, subject_id, purpose, action, policy_version, policy_text_sha256, channel, grant_id, occurred_at';

const toEvent = (row: EventRow): ConsentEvent => ({
  id: row.id,
  subjectId: row.subject_id,
  purpose: row.purpose,
  action: row.action,
  policyVersion: row.policy_version,
  policyTextSha256: row.policy_text_sha256,
  channel: row.channel,
  ...(row.grant_id ? { grantId: row.grant_id } : {}),
  occurredAt: row.occurred_at,
});

/** Grants, withdrawals and disclosure checks of one subject and purpose take this lock, so they see each other's order. */
export async function lockConsent(manager: EntityManager, subjectId: string, purpose: string, mode: 'shared' | 'exclusive'): Promise<void> {
  const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await manager.query(`SELECT ${fn}(hashtextextended($1, 0))`, [`consent:${subjectId}:${purpose}`]);
}

export async function latestConsentEvent(manager: EntityManager | DataSource, subjectId: string, purpose: string): Promise<ConsentEvent | undefined> {
  const rows: EventRow[] = await manager.query(
    `SELECT ${COLUMNS} FROM privacy.consent_events WHERE subject_id = $1 AND purpose = $2 ORDER BY seq DESC LIMIT 1`,
    [subjectId, purpose],
  );
  return rows[0] ? toEvent(rows[0]) : undefined;
}

@Injectable()
export class ConsentLedgerPostgresRepository extends ConsentLedgerRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: PiiVault,
  ) {
    super();
  }

  latest(subjectId: string, purpose: string): Promise<ConsentEvent | undefined> {
    return latestConsentEvent(this.dataSource, subjectId, purpose);
  }

  async history(subjectId: string): Promise<ConsentEvent[]> {
    const rows: EventRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM privacy.consent_events WHERE subject_id = $1 ORDER BY seq`, [subjectId]);
    return rows.map(toEvent);
  }

  append(event: ConsentEvent, audit: NewAuditEntry, expectedLatestId: string | undefined): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await lockConsent(manager, event.subjectId, event.purpose, 'exclusive');
      const latest = await latestConsentEvent(manager, event.subjectId, event.purpose);
      if (latest?.id !== expectedLatestId) return false;
      await manager.query(
        `INSERT INTO privacy.consent_events (id, subject_id, purpose, action, policy_version, policy_text_sha256, channel, grant_id, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          event.id,
          event.subjectId,
          event.purpose,
          event.action,
          event.policyVersion,
          event.policyTextSha256,
          event.channel,
          event.grantId ?? null,
          event.occurredAt,
        ],
      );
      await appendAuditEntries(manager, this.vault, [audit]);
      return true;
    });
  }
}
