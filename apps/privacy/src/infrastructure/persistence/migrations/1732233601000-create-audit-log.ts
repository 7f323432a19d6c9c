import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tamper-evident audit log. Rows are never updated or deleted: triggers
 * refuse it for every role (a superuser can still disable triggers, which
 * is what verification against signed checkpoints is for).
 */
export class CreateAuditLog1732233601000 implements MigrationInterface {
  name = 'CreateAuditLog1732233601000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE privacy.audit_log (
        seq          bigint       PRIMARY KEY,
        type         varchar(64)  NOT NULL,
        source       varchar(32)  NOT NULL,
        source_id    varchar(200) NOT NULL,
        actor_type   varchar(16)  NOT NULL,
        actor_id     varchar(128) NOT NULL,
        -- Keyed hash of the subject id, never the id itself.
        subject_ref  char(64),
        -- Field names, masked values and blind indexes only.
        payload      jsonb        NOT NULL,
        occurred_at  timestamptz  NOT NULL,
        recorded_at  timestamptz  NOT NULL DEFAULT now(),
        -- RFC 6962 leaf hash of the canonical entry (libs/audit).
        leaf_hash    bytea        NOT NULL,
        CONSTRAINT audit_log_source_unique UNIQUE (source, source_id)
      )`);
    await runner.query('CREATE INDEX audit_log_subject ON privacy.audit_log (subject_ref, seq DESC) WHERE subject_ref IS NOT NULL');
    await runner.query('CREATE INDEX audit_log_type ON privacy.audit_log (type, seq DESC)');
    await runner.query('CREATE INDEX audit_log_occurred ON privacy.audit_log (occurred_at)');
    // One row: the tree size and its compact range (the roots of its perfect subtrees).
    await runner.query(`
      CREATE TABLE privacy.audit_head (
        id        boolean PRIMARY KEY DEFAULT true CHECK (id),
        size      bigint  NOT NULL,
        frontier  bytea[] NOT NULL
      )`);
    await runner.query(`INSERT INTO privacy.audit_head (id, size, frontier) VALUES (true, 0, '{}')`);
    // Signed checkpoints live outside the log table and are exported to auditors.
    await runner.query(`
      CREATE TABLE privacy.audit_checkpoints (
        tree_size    bigint       PRIMARY KEY,
        root_hash    bytea        NOT NULL,
        signed_at    timestamptz  NOT NULL,
        key_id       varchar(64)  NOT NULL,
        signature    bytea        NOT NULL,
        signed_text  text         NOT NULL
      )`);
    await runner.query(`
      CREATE FUNCTION privacy.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'privacy.% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['audit_log', 'audit_checkpoints']) {
      await runner.query(
        `CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON privacy.${table} FOR EACH ROW EXECUTE FUNCTION privacy.refuse_audit_change()`,
      );
      await runner.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON privacy.${table} FOR EACH STATEMENT EXECUTE FUNCTION privacy.refuse_audit_change()`,
      );
      await runner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON privacy.${table} FROM PUBLIC`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE privacy.audit_checkpoints');
    await runner.query('DROP TABLE privacy.audit_head');
    await runner.query('DROP TABLE privacy.audit_log');
    await runner.query('DROP FUNCTION privacy.refuse_audit_change()');
  }
}
