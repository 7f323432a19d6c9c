import type { Logger } from 'pino';
import { queryRows } from '#libs/db';
import type { DataSource } from 'typeorm';
import type { DeliveryPolicy } from './delivery-policy.js';

export interface PendingMessage {
  id: string;
  topic: string;
  dedupeKey: string;
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: Date;
}

/** Throw to retry later; throw a PermanentDeliveryError to give up at once. */
export type MessageHandler = (message: PendingMessage) => Promise<void>;

export class PermanentDeliveryError extends Error {}

export interface TopicHandler {
  handle: MessageHandler;
  policy: DeliveryPolicy;
}

export interface OutboxRelayOptions {
  schema: string;
  dataSource: DataSource;
  logger: Logger;
  topics: Record<string, TopicHandler>;
  batchSize?: number;
  pollIntervalMs?: number;
  /** Long enough for one delivery; a relay that dies mid-batch frees its rows after it. */
  leaseMs?: number;
  /** Where "now" comes from; tests move it to simulate hours passing. */
  clock?: () => Date;
}

interface ClaimedRow {
  id: string;
  topic: string;
  dedupe_key: string;
  payload: Record<string, unknown>;
  attempts: number;
  created_at: Date;
}

/**
 * Delivers outbox messages at least once. Rows are leased with SKIP LOCKED,
 * so several instances share the work without delivering a row twice at
 * the same time; receivers dedupe on the stable key for the rare redelivery
 * after a crash.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private readonly clock: () => Date;

  constructor(private readonly options: OutboxRelayOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  start(): void {
    const tick = (): void => {
      void this.drain()
        .catch((error: unknown) => this.options.logger.warn({ err: error, schema: this.options.schema }, 'Outbox relay pass failed'))
        .finally(() => {
          if (this.timer !== undefined) this.timer = setTimeout(tick, this.options.pollIntervalMs ?? 500);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One pass over due messages; returns how many were attempted. Also used by tests. */
  async drain(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<number> {
    const rows = await this.claim();
    for (const row of rows) await this.deliver(row);
    return rows.length;
  }

  private async claim(): Promise<ClaimedRow[]> {
    const { schema, dataSource } = this.options;
    const now = this.clock();
    return queryRows<ClaimedRow>(
      dataSource,
      `UPDATE "${schema}".outbox SET lease_until = $2::timestamptz + make_interval(secs => $3)
       WHERE id IN (
         SELECT id FROM "${schema}".outbox
         WHERE status = 'PENDING' AND available_at <= $2 AND (lease_until IS NULL OR lease_until < $2) AND topic = ANY($4)
         ORDER BY available_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, topic, dedupe_key, payload, attempts, created_at`,
      [this.options.batchSize ?? 50, now, (this.options.leaseMs ?? 60_000) / 1000, Object.keys(this.options.topics)],
    );
  }

  private async deliver(row: ClaimedRow): Promise<void> {
    const { schema, dataSource, logger, topics } = this.options;
    const topic = topics[row.topic]!;
    const attempt = row.attempts + 1;
    try {
      await topic.handle({
        id: String(row.id),
        topic: row.topic,
        dedupeKey: row.dedupe_key,
        payload: row.payload,
        attempts: row.attempts,
        createdAt: row.created_at,
      });
      await dataSource.query(
        `UPDATE "${schema}".outbox SET status = 'DELIVERED', attempts = $2, delivered_at = $3, lease_until = NULL, last_error = NULL WHERE id = $1`,
        [row.id, attempt, this.clock()],
      );
    } catch (error) {
      const permanent = error instanceof PermanentDeliveryError;
      const dead = permanent || attempt >= topic.policy.maxAttempts;
      const reason = (error instanceof Error ? error.message : 'delivery failed').slice(0, 300);
      const next = new Date(this.clock().getTime() + topic.policy.backoffMs(attempt));
      await dataSource.query(`UPDATE "${schema}".outbox SET attempts = $2, status = $3, available_at = $4, lease_until = NULL, last_error = $5 WHERE id = $1`, [
        row.id,
        attempt,
        dead ? 'DEAD' : 'PENDING',
        next,
        reason,
      ]);
      logger[dead ? 'error' : 'warn'](
        { topic: row.topic, outboxId: row.id, attempt, dead },
        dead ? 'Outbox message dead-lettered' : 'Outbox delivery failed; will retry',
      );
    }
  }
}
