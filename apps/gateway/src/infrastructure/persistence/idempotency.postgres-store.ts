import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdempotencyStore, type IdempotencyClaim, type IdempotencyKeyRef } from '../../edge/idempotency/idempotency-store.js';
import { ResponseSealer } from './response-sealer.js';

/** How long a claim blocks duplicates before a crashed holder's key may be taken over. */
const LOCK_SECONDS = 60;

interface StoredRow {
  fingerprint: string;
  state: 'IN_PROGRESS' | 'COMPLETED';
  response_status: number | null;
  response_body: Buffer | null;
}

@Injectable()
export class IdempotencyPostgresStore extends IdempotencyStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sealer: ResponseSealer,
    private readonly ttlHours: number,
  ) {
    super();
  }

  async claim(ref: IdempotencyKeyRef, fingerprint: string): Promise<IdempotencyClaim> {
    // One statement decides ownership: insert, or take over an expired key or
    // a claim whose holder died. Concurrent claimers serialise on the row.
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO gateway.idempotency_keys AS k (caller_id, key, fingerprint, state, locked_until, expires_at)
       VALUES ($1, $2, $3, 'IN_PROGRESS', now() + make_interval(secs => $4), now() + make_interval(hours => $5))
       ON CONFLICT (caller_id, key) DO UPDATE
         SET fingerprint = EXCLUDED.fingerprint, state = 'IN_PROGRESS', response_status = NULL, response_body = NULL,
             created_at = now(), locked_until = EXCLUDED.locked_until, expires_at = EXCLUDED.expires_at
         WHERE k.expires_at < now() OR (k.state = 'IN_PROGRESS' AND k.locked_until < now() AND k.fingerprint = EXCLUDED.fingerprint)
       RETURNING 1`,
      [ref.callerId, ref.key, fingerprint, LOCK_SECONDS, this.ttlHours],
    );
    if (claimed.length > 0) return { kind: 'new' };
    const rows: StoredRow[] = await this.dataSource.query(
      'SELECT fingerprint, state, response_status, response_body FROM gateway.idempotency_keys WHERE caller_id = $1 AND key = $2',
      [ref.callerId, ref.key],
    );
    const row = rows[0];
    if (!row) return this.claim(ref, fingerprint);
    if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (row.state === 'IN_PROGRESS' || row.response_status === null) return { kind: 'in_progress' };
    return { kind: 'replay', status: row.response_status, body: row.response_body ? this.sealer.open(row.response_body, ref) : undefined };
  }

  async complete(ref: IdempotencyKeyRef, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE gateway.idempotency_keys SET state = 'COMPLETED', response_status = $3, response_body = $4
       WHERE caller_id = $1 AND key = $2`,
      [ref.callerId, ref.key, status, body === undefined ? null : this.sealer.seal(body, ref)],
    );
  }

  async release(ref: IdempotencyKeyRef): Promise<void> {
    await this.dataSource.query(`DELETE FROM gateway.idempotency_keys WHERE caller_id = $1 AND key = $2 AND state = 'IN_PROGRESS'`, [ref.callerId, ref.key]);
  }

  async purgeExpired(limit: number): Promise<number> {
    // Counted in SQL: for a bare DELETE TypeORM answers [rows, affected], not the rows.
    const [result]: Array<{ deleted: number }> = await this.dataSource.query(
      `WITH gone AS (
         DELETE FROM gateway.idempotency_keys WHERE ctid IN (
           SELECT ctid FROM gateway.idempotency_keys WHERE expires_at < now() LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING 1)
       SELECT count(*)::int AS deleted FROM gone`,
      [limit],
    );
    return result?.deleted ?? 0;
  }
}
