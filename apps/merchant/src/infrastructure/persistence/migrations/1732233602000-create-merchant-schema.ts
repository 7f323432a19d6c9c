import { createOutboxTable, dropOutboxTable } from '#libs/outbox';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Merchant onboarding: documents, applications (onboarding and upgrades),
 * their transition history and review decisions, webhook settings, and the
 * outbox that carries audit entries and webhook events.
 *
 * Personal data lives only in `*_enc` columns (AES-256-GCM, bound to
 * table/column); lookups go through `*_bidx` blind indexes.
 */
export class CreateMerchantSchema1732233602000 implements MigrationInterface {
  name = 'CreateMerchantSchema1732233602000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE merchant.documents (
        id            uuid         PRIMARY KEY,
        merchant_id   varchar(128) NOT NULL,
        kind          varchar(32)  NOT NULL CHECK (kind IN ('ID_PHOTO_FRONT', 'ID_PHOTO_BACK', 'BUSINESS_LICENSE', 'STORE_PHOTO', 'OTHER')),
        content_type  varchar(32)  NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
        size_bytes    integer      NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 5242880),
        sha256        char(64)     NOT NULL,
        content_enc   bytea        NOT NULL,
        uploaded_by   varchar(128) NOT NULL,
        created_at    timestamptz  NOT NULL DEFAULT now(),
        -- The same bytes uploaded again as the same kind are the same document.
        CONSTRAINT documents_content_unique UNIQUE (merchant_id, kind, sha256)
      )`);

    await runner.query(`
      CREATE TABLE merchant.applications (
        id                  uuid         PRIMARY KEY,
        merchant_id         varchar(128) NOT NULL,
        kind                varchar(16)  NOT NULL CHECK (kind IN ('ONBOARDING', 'UPGRADE')),
        business_code       varchar(64),
        parent_id           uuid         REFERENCES merchant.applications (id),
        type                varchar(16)  NOT NULL CHECK (type IN ('INDIVIDUAL', 'ENTERPRISE')),
        status              varchar(16)  NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'IN_REVIEW', 'NEEDS_INFO', 'APPROVED', 'REJECTED', 'ACTIVE', 'SUSPENDED', 'CLOSED')),
        level               varchar(2)   NOT NULL CHECK (level IN ('L1', 'L2', 'L3')),
        -- The whole form, encrypted: names, ID numbers, phones, accounts.
        form_enc            bytea        NOT NULL,
        -- Duplicate detection: the credit code, and the owner's or legal representative's ID number.
        credit_code_bidx    varchar(64),
        principal_id_bidx   varchar(64),
        client_ip_enc       bytea,
        -- Automated check results (codes and scores only) and the latest decision's reasons.
        checks              jsonb        NOT NULL DEFAULT '[]',
        reasons             jsonb        NOT NULL DEFAULT '[]',
        review_round        integer      NOT NULL DEFAULT 0,
        approvals_required  smallint     NOT NULL DEFAULT 1 CHECK (approvals_required IN (1, 2)),
        check_attempts      integer      NOT NULL DEFAULT 0,
        next_check_at       timestamptz,
        check_lease_until   timestamptz,
        version             integer      NOT NULL DEFAULT 1,
        created_at          timestamptz  NOT NULL,
        updated_at          timestamptz  NOT NULL,
        submitted_at        timestamptz,
        decided_at          timestamptz,
        CONSTRAINT applications_business_code_unique UNIQUE (merchant_id, business_code),
        CONSTRAINT applications_kind_shape CHECK (
          (kind = 'ONBOARDING' AND business_code IS NOT NULL AND parent_id IS NULL) OR
          (kind = 'UPGRADE' AND business_code IS NULL AND parent_id IS NOT NULL))
      )`);
    await runner.query('CREATE INDEX applications_merchant ON merchant.applications (merchant_id, created_at DESC, id)');
    await runner.query('CREATE INDEX applications_queue ON merchant.applications (status, submitted_at, id)');
    await runner.query("CREATE INDEX applications_due_checks ON merchant.applications (next_check_at) WHERE status = 'SUBMITTED'");
    await runner.query('CREATE INDEX applications_credit_code ON merchant.applications (credit_code_bidx) WHERE credit_code_bidx IS NOT NULL');
    await runner.query('CREATE INDEX applications_principal_id ON merchant.applications (principal_id_bidx) WHERE principal_id_bidx IS NOT NULL');
    // One open upgrade per merchant at a time.
    await runner.query(
      "CREATE UNIQUE INDEX applications_one_open_upgrade ON merchant.applications (parent_id) WHERE kind = 'UPGRADE' AND status IN ('DRAFT', 'SUBMITTED', 'IN_REVIEW', 'NEEDS_INFO')",
    );

    // Append-only history: who moved the application, when, and why.
    await runner.query(`
      CREATE TABLE merchant.application_transitions (
        event_id        uuid         PRIMARY KEY,
        seq             bigserial    NOT NULL UNIQUE,
        application_id  uuid         NOT NULL REFERENCES merchant.applications (id),
        from_status     varchar(16),
        to_status       varchar(16)  NOT NULL,
        actor_type      varchar(16)  NOT NULL CHECK (actor_type IN ('MERCHANT', 'REVIEWER', 'ADMIN', 'SYSTEM')),
        actor_id        varchar(128) NOT NULL,
        reasons         jsonb        NOT NULL DEFAULT '[]',
        occurred_at     timestamptz  NOT NULL
      )`);
    await runner.query('CREATE INDEX application_transitions_application ON merchant.application_transitions (application_id, seq)');

    await runner.query(`
      CREATE TABLE merchant.review_decisions (
        id              uuid         PRIMARY KEY,
        application_id  uuid         NOT NULL REFERENCES merchant.applications (id),
        round           integer      NOT NULL,
        reviewer_id     varchar(128) NOT NULL,
        decision        varchar(16)  NOT NULL CHECK (decision IN ('APPROVE', 'REJECT', 'REQUEST_INFO')),
        reasons         jsonb        NOT NULL DEFAULT '[]',
        decided_at      timestamptz  NOT NULL
      )`);
    // The two-reviewer rule: one approval per reviewer per round.
    await runner.query(
      "CREATE UNIQUE INDEX review_decisions_one_approval ON merchant.review_decisions (application_id, round, reviewer_id) WHERE decision = 'APPROVE'",
    );

    await runner.query(`
      CREATE TABLE merchant.webhooks (
        merchant_id  varchar(128)  PRIMARY KEY,
        url          varchar(2048) NOT NULL,
        secret_enc   bytea         NOT NULL,
        updated_by   varchar(128)  NOT NULL,
        updated_at   timestamptz   NOT NULL
      )`);

    await createOutboxTable(runner, 'merchant');
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropOutboxTable(runner, 'merchant');
    await runner.query('DROP TABLE merchant.webhooks');
    await runner.query('DROP TABLE merchant.review_decisions');
    await runner.query('DROP TABLE merchant.application_transitions');
    await runner.query('DROP TABLE merchant.applications');
    await runner.query('DROP TABLE merchant.documents');
  }
}
