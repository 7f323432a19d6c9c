import type { EntityManager } from 'typeorm';

export interface OutboxMessage {
  topic: string;
  /** Stable id; a duplicate enqueue is ignored, and receivers dedupe on it. */
  dedupeKey: string;
  payload: Record<string, unknown>;
  availableAt?: Date;
}

/**
 * Enqueues messages inside the caller's transaction, so the message exists
 * if and only if the state change it announces was committed.
 */
export class OutboxWriter {
  constructor(private readonly schema: string) {}

  async enqueue(manager: EntityManager, message: OutboxMessage): Promise<void> {
    await manager.query(
      `INSERT INTO "${this.schema}".outbox (topic, dedupe_key, payload, available_at)
       VALUES ($1, $2, $3, COALESCE($4, now())) ON CONFLICT (dedupe_key) DO NOTHING`,
      [message.topic, message.dedupeKey, JSON.stringify(message.payload), message.availableAt ?? null],
    );
  }
}
