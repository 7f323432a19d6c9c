import { Injectable } from '@nestjs/common';
import { AuditRecorder, type AuditRecord } from '#libs/audit';
import { decodeCursor, encodeCursor, queryRows } from '#libs/db';
import { DomainError } from '#libs/errors';
import { PiiVault } from '#libs/pii';
import { DataSource } from 'typeorm';
import type { Page } from '../../applications/application.repository.js';
import { WEBHOOK_TOPIC } from '../../webhooks/webhook-topic.js';
import { WebhookRepository, type DeadWebhook, type WebhookTarget } from '../../webhooks/webhook.repository.js';

const SECRET = { table: 'merchant.webhooks', column: 'secret' };

interface OutboxRow {
  id: string;
  payload: { event_id: string; event_type: string; merchant_id: string; application_id: string; status: string };
  attempts: number;
  last_error: string | null;
  created_at: Date;
  status: DeadWebhook['deliveryStatus'];
}

const toDead = (row: OutboxRow): DeadWebhook => ({
  id: String(row.id),
  eventId: row.payload.event_id,
  eventType: row.payload.event_type,
  merchantId: row.payload.merchant_id,
  applicationId: row.payload.application_id,
  status: row.payload.status,
  attempts: row.attempts,
  lastError: row.last_error,
  createdAt: row.created_at,
  deliveryStatus: row.status,
});

@Injectable()
export class WebhookPostgresRepository extends WebhookRepository {
  private readonly audit = new AuditRecorder('merchant');

  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: PiiVault,
  ) {
    super();
  }

  async upsert(target: WebhookTarget, actorId: string): Promise<WebhookTarget> {
    await this.dataSource.query(
      `INSERT INTO merchant.webhooks (merchant_id, url, secret_enc, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (merchant_id) DO UPDATE SET url = EXCLUDED.url, secret_enc = EXCLUDED.secret_enc, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [target.merchantId, target.url, this.vault.encryptString(target.secret, SECRET), actorId, target.updatedAt],
    );
    return target;
  }

  async find(merchantId: string): Promise<WebhookTarget | undefined> {
    const rows: Array<{ merchant_id: string; url: string; secret_enc: Buffer; updated_at: Date }> = await this.dataSource.query(
      'SELECT merchant_id, url, secret_enc, updated_at FROM merchant.webhooks WHERE merchant_id = $1',
      [merchantId],
    );
    const row = rows[0];
    return row ? { merchantId: row.merchant_id, url: row.url, secret: this.vault.decryptString(row.secret_enc, SECRET), updatedAt: row.updated_at } : undefined;
  }

  async listDead(merchantId: string | undefined, limit: number, cursor?: string): Promise<Page<DeadWebhook>> {
    const after = cursor ? decodeCursor(cursor, ['id'] as const).id : '0';
    if (!/^\d{1,18}$/.test(after))
      throw new DomainError('CURSOR_INVALID', 'The cursor is not valid', [
        { field: 'cursor', code: 'CURSOR_INVALID', message: 'cursor is not a cursor this list returned' },
      ]);
    const rows: OutboxRow[] = await this.dataSource.query(
      `SELECT id, payload, attempts, last_error, created_at, status FROM merchant.outbox
       WHERE topic = $1 AND status = 'DEAD' AND id > $2 AND ($3::varchar IS NULL OR payload->>'merchant_id' = $3)
       ORDER BY id LIMIT $4`,
      [WEBHOOK_TOPIC, after, merchantId ?? null, limit + 1],
    );
    const items = rows.slice(0, limit).map(toDead);
    return { items, ...(rows.length > limit ? { nextCursor: encodeCursor({ id: items.at(-1)!.id }) } : {}) };
  }

  replayDead(id: string, audit: AuditRecord): Promise<DeadWebhook | undefined> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await queryRows<OutboxRow>(
        manager,
        `UPDATE merchant.outbox SET status = 'PENDING', attempts = 0, available_at = now(), lease_until = NULL
         WHERE id = $1 AND topic = $2 AND status = 'DEAD'
         RETURNING id, payload, attempts, last_error, created_at, status`,
        [id, WEBHOOK_TOPIC],
      );
      if (!rows[0]) return undefined;
      const replayed = toDead(rows[0]);
      await this.audit.record(
        manager,
        { ...audit, subjectId: replayed.merchantId, payload: { ...audit.payload, event_id: replayed.eventId, application_id: replayed.applicationId } },
        `outbox-replay:${id}:${Date.now()}`,
      );
      return replayed;
    });
  }
}
