import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateConsentsAndDisclosures1732233601100 implements MigrationInterface {
  name = 'CreateConsentsAndDisclosures1732233601100';

  async up(runner: QueryRunner): Promise<void> {
    // Append-only consent history: a withdrawal is a new row, never an edit.
    await runner.query(`
      CREATE TABLE privacy.consent_events (
        id                  uuid         PRIMARY KEY,
        seq                 bigserial    NOT NULL UNIQUE,
        subject_id          varchar(128) NOT NULL,
        purpose             varchar(64)  NOT NULL,
        action              varchar(8)   NOT NULL CHECK (action IN ('GRANT', 'WITHDRAW')),
        policy_version      varchar(32)  NOT NULL,
        policy_text_sha256  char(64)     NOT NULL,
        channel             varchar(16)  NOT NULL,
        grant_id            uuid         REFERENCES privacy.consent_events (id),
        occurred_at         timestamptz  NOT NULL
      )`);
    await runner.query('CREATE INDEX consent_events_subject ON privacy.consent_events (subject_id, purpose, seq DESC)');
    await runner.query(`
      CREATE FUNCTION privacy.refuse_consent_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Only the retention sweeper, after a legal hold ends, may delete history.
        IF TG_OP = 'DELETE' AND current_setting('kyc.retention_purge', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'privacy.consent_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await runner.query(
      'CREATE TRIGGER consent_events_append_only BEFORE UPDATE OR DELETE ON privacy.consent_events FOR EACH ROW EXECUTE FUNCTION privacy.refuse_consent_change()',
    );

    await runner.query(`
      CREATE TABLE privacy.disclosures (
        id             uuid         PRIMARY KEY,
        subject_id     varchar(128) NOT NULL,
        recipient_id   varchar(64)  NOT NULL,
        purpose        varchar(64)  NOT NULL,
        legal_basis    varchar(32)  NOT NULL,
        fields         text[]       NOT NULL,
        requested_by   varchar(32)  NOT NULL,
        -- Blind indexes or masked values identifying what was sent, never the data.
        refs           jsonb        NOT NULL DEFAULT '{}',
        authorized_at  timestamptz  NOT NULL,
        completed_at   timestamptz,
        outcome        varchar(32),
        billed         boolean      NOT NULL DEFAULT false,
        latency_ms     integer,
        result_code    varchar(64)
      )`);
    await runner.query('CREATE INDEX disclosures_subject ON privacy.disclosures (subject_id, authorized_at DESC, id)');
    await runner.query('CREATE INDEX disclosures_completed ON privacy.disclosures (completed_at) WHERE completed_at IS NOT NULL');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE privacy.disclosures');
    await runner.query('DROP TABLE privacy.consent_events');
    await runner.query('DROP FUNCTION privacy.refuse_consent_change()');
  }
}
