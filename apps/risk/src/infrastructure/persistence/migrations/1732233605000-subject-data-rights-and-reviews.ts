import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data-subject rights and human review (docs/risk.md, "Data-subject rights
 * and retention" and "Human review of decisions").
 *
 * risk.decisions is partitioned by month: ALTER TABLE and CREATE INDEX on the
 * parent reach every partition (the default one and those the partition
 * maintainer creates later), and an index on the parent cannot be built
 * CONCURRENTLY. The two new indexes are partial and narrow; on a table of
 * many millions of rows, build them beforehand partition by partition
 * (CREATE INDEX CONCURRENTLY on each, then CREATE INDEX ON ONLY the parent and
 * ALTER INDEX … ATTACH PARTITION) and this migration finds them by name.
 */
export class SubjectDataRightsAndReviews1732233605000 implements MigrationInterface {
  name = 'SubjectDataRightsAndReviews1732233605000';

  async up(runner: QueryRunner): Promise<void> {
    // restricted_at: kept under the anti-money-laundering hold after an erasure, out of every
    // analyst use; hold_until: empty while the relationship continues, set when the account closes.
    // anonymised_at: the decision no longer points at anyone (subject token, no IP, device,
    // snapshot or blind indexes); kept for model statistics only. The dropped NOT NULLs are the
    // columns anonymisation clears; the check keeps them required for every other row.
    await runner.query(`
      ALTER TABLE risk.decisions
        ADD COLUMN restricted_at timestamptz,
        ADD COLUMN hold_until    timestamptz,
        ADD COLUMN anonymised_at timestamptz,
        ALTER COLUMN device_id DROP NOT NULL,
        ALTER COLUMN ip DROP NOT NULL,
        ALTER COLUMN sensitive_snapshot_enc DROP NOT NULL,
        ADD CONSTRAINT decisions_hold_needs_restriction CHECK (hold_until IS NULL OR restricted_at IS NOT NULL),
        ADD CONSTRAINT decisions_anonymised_unrestricted CHECK (anonymised_at IS NULL OR restricted_at IS NULL),
        ADD CONSTRAINT decisions_whole_unless_anonymised
          CHECK (anonymised_at IS NOT NULL OR (device_id IS NOT NULL AND ip IS NOT NULL AND sensitive_snapshot_enc IS NOT NULL))`);
    // Retention finds holds that ended, and decisions past their retention that are still whole,
    // without walking the ones it already anonymised (anonymised rows leave the second index).
    await runner.query(`CREATE INDEX IF NOT EXISTS decisions_hold_until ON risk.decisions (hold_until) WHERE hold_until IS NOT NULL`);
    await runner.query(
      `CREATE INDEX IF NOT EXISTS decisions_retention ON risk.decisions (occurred_at, id) WHERE anonymised_at IS NULL AND restricted_at IS NULL`,
    );

    // A subject's request for a person to review an automated decision (PIPL art. 24(3)).
    // No foreign key: decisions are partitioned and anonymisation gives a decision a new id,
    // deleting its reviews in the same transaction. One review per data request (request_id).
    await runner.query(`
      CREATE TABLE risk.decision_reviews (
        id             uuid          PRIMARY KEY,
        decision_id    uuid          NOT NULL,
        subject_id     varchar(128)  NOT NULL,
        request_id     varchar(128)  NOT NULL UNIQUE,
        status         varchar(8)    NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
        requested_at   timestamptz   NOT NULL,
        resolved_at    timestamptz,
        resolved_by    varchar(128),
        outcome        varchar(10)   CHECK (outcome IN ('UPHELD', 'OVERTURNED')),
        note           varchar(1000),
        -- Restricted with its decision under a legal hold: out of the analysts' queue.
        restricted_at  timestamptz,
        CHECK ((status = 'RESOLVED') = (resolved_at IS NOT NULL AND resolved_by IS NOT NULL AND outcome IS NOT NULL))
      )`);
    await runner.query(`CREATE INDEX decision_reviews_queue ON risk.decision_reviews (status, requested_at, id) WHERE restricted_at IS NULL`);
    await runner.query(`CREATE INDEX decision_reviews_by_time ON risk.decision_reviews (requested_at, id) WHERE restricted_at IS NULL`);
    await runner.query(`CREATE INDEX decision_reviews_by_decision ON risk.decision_reviews (decision_id, requested_at DESC)`);
    await runner.query(`CREATE INDEX decision_reviews_by_subject ON risk.decision_reviews (subject_id)`);

    // The answer to each erasure request, so a retry gets the same answer and never erases what
    // the subject did after it. Ids and counts only.
    await runner.query(`
      CREATE TABLE risk.erasures (
        request_id  varchar(128) PRIMARY KEY,
        subject_id  varchar(128) NOT NULL,
        mode        varchar(16)  NOT NULL CHECK (mode IN ('DELETE', 'CLOSE_ACCOUNT')),
        result      jsonb        NOT NULL,
        erased_at   timestamptz  NOT NULL
      )`);
    await runner.query('CREATE INDEX erasures_subject ON risk.erasures (subject_id)');
    await runner.query('CREATE INDEX erasures_erased_at ON risk.erasures (erased_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    // Dropping the columns would put restricted decisions back into analyst use: refuse.
    const [{ restricted }] = (await runner.query('SELECT count(*)::int AS restricted FROM risk.decisions WHERE restricted_at IS NOT NULL')) as Array<{
      restricted: number;
    }>;
    if (restricted > 0) throw new Error(`${restricted} decisions are restricted under a legal hold; undoing this migration would lift the restriction`);
    await runner.query('DROP TABLE risk.erasures');
    await runner.query('DROP TABLE risk.decision_reviews');
    // Anonymised decisions lack what the old schema requires (device, IP, snapshot) and cannot get
    // it back: they were statistics only, and go.
    await runner.query('DELETE FROM risk.decisions WHERE anonymised_at IS NOT NULL');
    await runner.query('DROP INDEX risk.decisions_retention');
    await runner.query('DROP INDEX risk.decisions_hold_until');
    await runner.query(`
      ALTER TABLE risk.decisions
        DROP CONSTRAINT decisions_whole_unless_anonymised,
        DROP CONSTRAINT decisions_anonymised_unrestricted,
        DROP CONSTRAINT decisions_hold_needs_restriction,
        ALTER COLUMN sensitive_snapshot_enc SET NOT NULL,
        ALTER COLUMN ip SET NOT NULL,
        ALTER COLUMN device_id SET NOT NULL,
        DROP COLUMN anonymised_at,
        DROP COLUMN hold_until,
        DROP COLUMN restricted_at`);
  }
}
