import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDataRequests1732233601200 implements MigrationInterface {
  name = 'CreateDataRequests1732233601200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE privacy.data_requests (
        id                uuid         PRIMARY KEY,
        subject_id        varchar(128) NOT NULL,
        type              varchar(16)  NOT NULL,
        status            varchar(16)  NOT NULL CHECK (status IN ('RECEIVED', 'IN_PROGRESS', 'COMPLETED', 'REFUSED')),
        -- Field names and decision ids only; a correction's new value is encrypted apart.
        params            jsonb        NOT NULL DEFAULT '{}',
        correction_value  bytea,
        received_at       timestamptz  NOT NULL,
        due_at            timestamptz  NOT NULL,
        completed_at      timestamptz,
        refusal_reason    varchar(500),
        -- The answer (an export bundle holds personal data): encrypted.
        result            bytea,
        next_attempt_at   timestamptz  NOT NULL DEFAULT now(),
        lease_until       timestamptz
      )`);
    await runner.query('CREATE INDEX data_requests_subject ON privacy.data_requests (subject_id, received_at DESC)');
    await runner.query(`CREATE INDEX data_requests_open ON privacy.data_requests (due_at, id) WHERE status IN ('RECEIVED', 'IN_PROGRESS')`);
    await runner.query(`
      CREATE TABLE privacy.data_request_steps (
        request_id  uuid         NOT NULL REFERENCES privacy.data_requests (id) ON DELETE CASCADE,
        position    smallint     NOT NULL,
        target      varchar(16)  NOT NULL,
        action      varchar(24)  NOT NULL,
        status      varchar(16)  NOT NULL CHECK (status IN ('PENDING', 'DONE', 'FAILING')),
        attempts    integer      NOT NULL DEFAULT 0,
        last_error  varchar(300),
        -- What the step produced (an export section): encrypted.
        output      bytea,
        updated_at  timestamptz  NOT NULL DEFAULT now(),
        PRIMARY KEY (request_id, position)
      )`);
    // When a subject's relationship ended, and until when the law makes us keep their records.
    await runner.query(`
      CREATE TABLE privacy.subject_holds (
        subject_id               varchar(128) PRIMARY KEY,
        relationship_ended_at    timestamptz  NOT NULL,
        hold_until               timestamptz  NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE privacy.subject_holds');
    await runner.query('DROP TABLE privacy.data_request_steps');
    await runner.query('DROP TABLE privacy.data_requests');
  }
}
