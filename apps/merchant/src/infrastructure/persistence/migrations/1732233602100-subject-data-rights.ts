import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data-subject rights and retention (docs/merchant.md, "Data-subject rights
 * and retention").
 *
 * - `created_by`: the token subject who created the application: the link
 *   from a data subject to their merchant records. Backfilled from the first
 *   merchant-side transition (the subject who submitted it) where there is one.
 * - `restricted_at`, `restricted_status`, `hold_until`: a record kept under the
 *   anti-money-laundering hold after its subject asked for erasure. Out of
 *   every normal use; its blind indexes still count for duplicate detection
 *   with the status it had when restricted; deleted by the retention sweep
 *   once `hold_until` passes. `hold_until` stays empty while the relationship
 *   continues.
 * - The uniqueness of business codes and of uploaded documents holds among
 *   usable records only, so a restricted record never answers a new request.
 * - `form_corrections`: the history of self-service corrections, with the value
 *   each replaced (encrypted).
 * - `erasure_requests`: the answer to each erasure request, so a retry gets the
 *   same answer; the subject only as a keyed hash.
 */
export class SubjectDataRights1732233602100 implements MigrationInterface {
  name = 'SubjectDataRights1732233602100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE merchant.applications
        ADD COLUMN created_by         varchar(128),
        ADD COLUMN restricted_at      timestamptz,
        ADD COLUMN restricted_status  varchar(16),
        ADD COLUMN hold_until         timestamptz,
        ADD CONSTRAINT applications_restriction_shape CHECK ((restricted_at IS NULL) = (restricted_status IS NULL)),
        ADD CONSTRAINT applications_hold_needs_restriction CHECK (hold_until IS NULL OR restricted_at IS NOT NULL)`);
    await runner.query(`
      UPDATE merchant.applications a SET created_by = first.actor_id
      FROM (SELECT DISTINCT ON (application_id) application_id, actor_id FROM merchant.application_transitions
            WHERE actor_type = 'MERCHANT' ORDER BY application_id, seq) first
      WHERE first.application_id = a.id`);
    await runner.query('CREATE INDEX applications_created_by ON merchant.applications (created_by) WHERE created_by IS NOT NULL');
    await runner.query('CREATE INDEX applications_hold_until ON merchant.applications (hold_until) WHERE hold_until IS NOT NULL');
    await runner.query("CREATE INDEX applications_drafts ON merchant.applications (updated_at) WHERE status = 'DRAFT'");
    await runner.query('ALTER TABLE merchant.applications DROP CONSTRAINT applications_business_code_unique');
    await runner.query(
      'CREATE UNIQUE INDEX applications_business_code_unique ON merchant.applications (merchant_id, business_code) WHERE restricted_at IS NULL',
    );

    await runner.query('ALTER TABLE merchant.documents ADD COLUMN restricted_at timestamptz');
    await runner.query('ALTER TABLE merchant.documents DROP CONSTRAINT documents_content_unique');
    await runner.query('CREATE UNIQUE INDEX documents_content_unique ON merchant.documents (merchant_id, kind, sha256) WHERE restricted_at IS NULL');
    await runner.query('CREATE INDEX documents_uploaded_by ON merchant.documents (uploaded_by)');
    await runner.query('CREATE INDEX documents_created_at ON merchant.documents (created_at) WHERE restricted_at IS NULL');
    await runner.query('CREATE INDEX webhooks_updated_by ON merchant.webhooks (updated_by)');
    await runner.query("CREATE INDEX outbox_delivered_at ON merchant.outbox (delivered_at) WHERE status = 'DELIVERED'");

    await runner.query(`
      CREATE TABLE merchant.form_corrections (
        id              uuid         PRIMARY KEY,
        application_id  uuid         NOT NULL REFERENCES merchant.applications (id) ON DELETE CASCADE,
        request_id      varchar(128) NOT NULL,
        -- The form path corrected, e.g. owner.phone.
        field           varchar(64)  NOT NULL,
        -- The value it replaced (AES-256-GCM), so the record as onboarded stays reconstructable; NULL when it supplemented a missing one.
        previous_enc    bytea,
        corrected_at    timestamptz  NOT NULL,
        CONSTRAINT form_corrections_once UNIQUE (application_id, request_id)
      )`);

    await runner.query(`
      CREATE TABLE merchant.erasure_requests (
        request_id   varchar(128) PRIMARY KEY,
        -- Keyed hash (blind index) of the subject id: enough to refuse a request id reused for someone else.
        subject_ref  varchar(64)  NOT NULL,
        mode         varchar(16)  NOT NULL CHECK (mode IN ('DELETE', 'CLOSE_ACCOUNT')),
        result       jsonb        NOT NULL,
        erased_at    timestamptz  NOT NULL
      )`);
    await runner.query('CREATE INDEX erasure_requests_subject ON merchant.erasure_requests (subject_ref)');
    await runner.query('CREATE INDEX erasure_requests_erased_at ON merchant.erasure_requests (erased_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    // Dropping the columns would put restricted records back into normal use: refuse.
    const [{ restricted }] = (await runner.query(
      'SELECT (SELECT count(*) FROM merchant.applications WHERE restricted_at IS NOT NULL) + (SELECT count(*) FROM merchant.documents WHERE restricted_at IS NOT NULL) AS restricted',
    )) as Array<{ restricted: string }>;
    if (Number(restricted) > 0)
      throw new Error(`${restricted} merchant records are restricted under a legal hold; undoing this migration would lift the restriction`);
    await runner.query('DROP TABLE merchant.erasure_requests');
    await runner.query('DROP TABLE merchant.form_corrections');
    await runner.query('DROP INDEX merchant.outbox_delivered_at');
    await runner.query('DROP INDEX merchant.webhooks_updated_by');
    await runner.query('DROP INDEX merchant.documents_created_at');
    await runner.query('DROP INDEX merchant.documents_uploaded_by');
    await runner.query('DROP INDEX merchant.documents_content_unique');
    await runner.query('ALTER TABLE merchant.documents ADD CONSTRAINT documents_content_unique UNIQUE (merchant_id, kind, sha256)');
    await runner.query('ALTER TABLE merchant.documents DROP COLUMN restricted_at');
    await runner.query('DROP INDEX merchant.applications_business_code_unique');
    await runner.query('ALTER TABLE merchant.applications ADD CONSTRAINT applications_business_code_unique UNIQUE (merchant_id, business_code)');
    await runner.query('DROP INDEX merchant.applications_drafts');
    await runner.query('DROP INDEX merchant.applications_hold_until');
    await runner.query('DROP INDEX merchant.applications_created_by');
    await runner.query(`
      ALTER TABLE merchant.applications
        DROP CONSTRAINT applications_hold_needs_restriction,
        DROP CONSTRAINT applications_restriction_shape,
        DROP COLUMN hold_until,
        DROP COLUMN restricted_status,
        DROP COLUMN restricted_at,
        DROP COLUMN created_by`);
  }
}
