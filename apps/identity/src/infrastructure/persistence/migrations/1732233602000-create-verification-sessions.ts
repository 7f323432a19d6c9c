import { createOutboxTable, dropOutboxTable } from '#libs/outbox';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateVerificationSessions1732233602000 implements MigrationInterface {
  name = 'CreateVerificationSessions1732233602000';

  async up(runner: QueryRunner): Promise<void> {
    // Personal data is kept only once matched, encrypted (AES-256-GCM, AAD = table/column),
    // with keyed blind indexes for lookups. Face images are never stored.
    await runner.query(`
      CREATE TABLE identity.sessions (
        id                uuid         PRIMARY KEY,
        subject_id        varchar(128) NOT NULL,
        target_level      varchar(2)   NOT NULL CHECK (target_level IN ('L1', 'L2', 'L3')),
        status            varchar(8)   NOT NULL CHECK (status IN ('OPEN', 'VERIFIED', 'FAILED', 'LOCKED', 'EXPIRED')),
        created_at        timestamptz  NOT NULL,
        expires_at        timestamptz  NOT NULL,
        verified_at       timestamptz,
        -- One factor submission at a time per session; a crashed one frees it when this passes.
        busy_until        timestamptz,
        version           integer      NOT NULL DEFAULT 0,
        name_enc          bytea,
        id_number_enc     bytea,
        id_number_bidx    varchar(64),
        card_number_enc   bytea,
        card_number_bidx  varchar(64),
        phone_enc         bytea,
        phone_bidx        varchar(64)
      )`);
    await runner.query('CREATE INDEX sessions_subject ON identity.sessions (subject_id, created_at DESC)');
    await runner.query('CREATE INDEX sessions_id_number_bidx ON identity.sessions (id_number_bidx) WHERE id_number_bidx IS NOT NULL');
    await runner.query('CREATE INDEX sessions_card_number_bidx ON identity.sessions (card_number_bidx) WHERE card_number_bidx IS NOT NULL');
    await runner.query('CREATE INDEX sessions_phone_bidx ON identity.sessions (phone_bidx) WHERE phone_bidx IS NOT NULL');

    await runner.query(`
      CREATE TABLE identity.session_factors (
        id                bigserial    PRIMARY KEY,
        session_id        uuid         NOT NULL REFERENCES identity.sessions (id) ON DELETE CASCADE,
        type              varchar(16)  NOT NULL CHECK (type IN ('IDENTITY', 'LIVENESS', 'BANK_CARD')),
        result            varchar(16)  NOT NULL CHECK (result IN ('MATCH', 'MISMATCH', 'NO_RECORD', 'REJECTED', 'UNAVAILABLE')),
        reason_code       varchar(64),
        retryable         boolean      NOT NULL,
        billed            boolean      NOT NULL,
        -- Face checks: the SHA-256 of the frame, the SDK's score and the vendor's scores; never the frame.
        face_sha256       char(64),
        liveness_score    double precision,
        similarity        double precision,
        liveness_verdict  varchar(8),
        at                timestamptz  NOT NULL
      )`);
    await runner.query('CREATE INDEX session_factors_session ON identity.session_factors (session_id, id)');

    // Failed attempts per user and per ID or card number (blind index), for the attempt limits.
    await runner.query(`
      CREATE TABLE identity.failed_attempts (
        id          uuid         PRIMARY KEY,
        kind        varchar(16)  NOT NULL CHECK (kind IN ('IDENTITY', 'LIVENESS', 'BANK_CARD')),
        subject_id  varchar(128) NOT NULL,
        value_bidx  varchar(64)  NOT NULL,
        -- PENDING: reserved before the upstream call, and counted, until the result settles it.
        state       varchar(8)   NOT NULL CHECK (state IN ('PENDING', 'FAILED')),
        at          timestamptz  NOT NULL
      )`);
    await runner.query('CREATE INDEX failed_attempts_subject ON identity.failed_attempts (kind, subject_id, at)');
    await runner.query('CREATE INDEX failed_attempts_value ON identity.failed_attempts (kind, value_bidx, at)');

    // The ID number a subject's level was verified with: later sessions must be the same person.
    await runner.query('ALTER TABLE identity.verification_levels ADD COLUMN id_number_bidx varchar(64)');

    await createOutboxTable(runner, 'identity');
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropOutboxTable(runner, 'identity');
    await runner.query('ALTER TABLE identity.verification_levels DROP COLUMN id_number_bidx');
    await runner.query('DROP TABLE identity.failed_attempts');
    await runner.query('DROP TABLE identity.session_factors');
    await runner.query('DROP TABLE identity.sessions');
  }
}
