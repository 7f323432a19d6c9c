import type { QueryRunner } from 'typeorm';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * The outbox table of one service schema. Call from that service's
 * migration: the table lives next to the state it is written with.
 * Payloads must hold no plaintext personal data.
 */
export async function createOutboxTable(runner: QueryRunner, schema: string): Promise<void> {
  if (!IDENTIFIER.test(schema)) throw new Error(`Invalid schema ${schema}`);
  await runner.query(`
    CREATE TABLE "${schema}".outbox (
      id            bigserial    PRIMARY KEY,
      topic         varchar(64)  NOT NULL,
      -- Stable identity of the message: receivers dedupe on it, and a
      -- second enqueue with the same key is ignored.
      dedupe_key    varchar(200) NOT NULL UNIQUE,
      payload       jsonb        NOT NULL,
      status        varchar(16)  NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
      attempts      integer      NOT NULL DEFAULT 0,
      available_at  timestamptz  NOT NULL DEFAULT now(),
      lease_until   timestamptz,
      last_error    varchar(300),
      created_at    timestamptz  NOT NULL DEFAULT now(),
      delivered_at  timestamptz
    )`);
  await runner.query(`CREATE INDEX outbox_pending ON "${schema}".outbox (available_at, id) WHERE status = 'PENDING'`);
  await runner.query(`CREATE INDEX outbox_dead ON "${schema}".outbox (topic, id) WHERE status = 'DEAD'`);
}

export async function dropOutboxTable(runner: QueryRunner, schema: string): Promise<void> {
  if (!IDENTIFIER.test(schema)) throw new Error(`Invalid schema ${schema}`);
  await runner.query(`DROP TABLE "${schema}".outbox`);
}
