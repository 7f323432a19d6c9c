import { queryRows } from '#libs/db';
import type { DataSource } from 'typeorm';

export interface DeadMessage {
  id: string;
  topic: string;
  dedupeKey: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

/** Lists and replays dead-lettered messages (admins replay after fixing the cause). */
export class OutboxAdmin {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
  ) {}

  async listDead(topic: string, limit: number, afterId?: string): Promise<DeadMessage[]> {
    const rows: Array<{ id: string; topic: string; dedupe_key: string; attempts: number; last_error: string | null; created_at: Date }> =
      await this.dataSource.query(
        `SELECT id, topic, dedupe_key, attempts, last_error, created_at FROM "${this.schema}".outbox
       WHERE status = 'DEAD' AND topic = $1 AND id > $2 ORDER BY id LIMIT $3`,
        [topic, afterId ?? '0', limit],
      );
    return rows.map((row) => ({
      id: String(row.id),
      topic: row.topic,
      dedupeKey: row.dedupe_key,
      attempts: row.attempts,
      lastError: row.last_error,
      createdAt: row.created_at,
    }));
  }

  /** Puts a dead message back in the queue with a fresh attempt budget. */
  async replay(id: string): Promise<boolean> {
    const rows = await queryRows(
      this.dataSource,
      `UPDATE "${this.schema}".outbox SET status = 'PENDING', attempts = 0, available_at = now(), lease_until = NULL WHERE id = $1 AND status = 'DEAD' RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }
}
