import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SubjectDataRights1732233604000 implements MigrationInterface {
  name = 'SubjectDataRights1732233604000';

  async up(runner: QueryRunner): Promise<void> {
    // A session kept under a legal hold after its subject asked for erasure: out of every
    // normal use (restricted_at), deleted by the retention sweep once hold_until passes.
    // hold_until stays empty while the relationship continues; closing the account sets it.
    await runner.query(`
      ALTER TABLE identity.sessions
        ADD COLUMN restricted_at timestamptz,
        ADD COLUMN hold_until    timestamptz,
        ADD CONSTRAINT sessions_hold_needs_restriction CHECK (hold_until IS NULL OR restricted_at IS NOT NULL)`);
    await runner.query('CREATE INDEX sessions_hold_until ON identity.sessions (hold_until) WHERE hold_until IS NOT NULL');
    await runner.query('CREATE INDEX sessions_unrestricted_expiry ON identity.sessions (expires_at) WHERE restricted_at IS NULL');

    // An erased subject's failed attempts still inside the attempt window keep counting
    // against the number tried (blind index), detached from the subject.
    await runner.query('ALTER TABLE identity.failed_attempts ALTER COLUMN subject_id DROP NOT NULL');
    await runner.query('CREATE INDEX failed_attempts_at ON identity.failed_attempts (at)');

    // The answer to each erasure request, so a retry gets the same answer and never
    // erases what the subject did after it. Ids and counts only.
    await runner.query(`
      CREATE TABLE identity.erasures (
        request_id  varchar(128) PRIMARY KEY,
        subject_id  varchar(128) NOT NULL,
        mode        varchar(16)  NOT NULL CHECK (mode IN ('DELETE', 'CLOSE_ACCOUNT')),
        result      jsonb        NOT NULL,
        erased_at   timestamptz  NOT NULL
      )`);
    await runner.query('CREATE INDEX erasures_subject ON identity.erasures (subject_id)');
    await runner.query('CREATE INDEX erasures_erased_at ON identity.erasures (erased_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    // Dropping the columns would put restricted records back into normal use: refuse.
    const [{ restricted }] = (await runner.query('SELECT count(*)::int AS restricted FROM identity.sessions WHERE restricted_at IS NOT NULL')) as Array<{
      restricted: number;
    }>;
    if (restricted > 0) throw new Error(`${restricted} sessions are restricted under a legal hold; undoing this migration would lift the restriction`);
    await runner.query('DROP TABLE identity.erasures');
    await runner.query('DROP INDEX identity.failed_attempts_at');
    // Detached attempts cannot go back to a subject; they only counted against a number.
    await runner.query('DELETE FROM identity.failed_attempts WHERE subject_id IS NULL');
    await runner.query('ALTER TABLE identity.failed_attempts ALTER COLUMN subject_id SET NOT NULL');
    await runner.query('DROP INDEX identity.sessions_unrestricted_expiry');
    await runner.query('DROP INDEX identity.sessions_hold_until');
    await runner.query('ALTER TABLE identity.sessions DROP CONSTRAINT sessions_hold_needs_restriction, DROP COLUMN hold_until, DROP COLUMN restricted_at');
  }
}
