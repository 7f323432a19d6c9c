import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdempotencyKeys1732233600100 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1732233600100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE gateway.idempotency_keys (
        caller_id        varchar(128) NOT NULL,
        key              varchar(255) NOT NULL,
        fingerprint      varchar(64)  NOT NULL,
        state            varchar(16)  NOT NULL CHECK (state IN ('IN_PROGRESS', 'COMPLETED')),
        response_status  smallint,
        -- The first response, encrypted: it may hold masked personal data.
        response_body    bytea,
        created_at       timestamptz  NOT NULL DEFAULT now(),
        locked_until     timestamptz  NOT NULL,
        expires_at       timestamptz  NOT NULL,
        PRIMARY KEY (caller_id, key)
      )`);
    await runner.query('CREATE INDEX idempotency_keys_expires_at ON gateway.idempotency_keys (expires_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE gateway.idempotency_keys');
  }
}
