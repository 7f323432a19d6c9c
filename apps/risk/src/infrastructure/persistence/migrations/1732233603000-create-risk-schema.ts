import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createOutboxTable, dropOutboxTable } from '#libs/outbox';
import { DEFAULT_RULESET } from '../../../rules/default-ruleset.js';
import { createPartitionSql, DECISION_PARTITIONS, EVENT_PARTITIONS } from '../partitions.js';
import { rulesToJson } from '../ruleset-json.js';

export class CreateRiskSchema1732233603000 implements MigrationInterface {
  name = 'CreateRiskSchema1732233603000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE risk.rulesets (
        version           serial        PRIMARY KEY,
        description       varchar(500)  NOT NULL,
        review_threshold  smallint      NOT NULL CHECK (review_threshold BETWEEN 1 AND 100),
        deny_threshold    smallint      NOT NULL CHECK (deny_threshold BETWEEN 1 AND 100 AND deny_threshold > review_threshold),
        -- Immutable once stored: decisions keep per-rule results by position.
        rules             jsonb         NOT NULL,
        based_on          integer       REFERENCES risk.rulesets (version),
        created_by        varchar(128)  NOT NULL,
        created_at        timestamptz   NOT NULL DEFAULT now(),
        published_at      timestamptz,
        shadowed_at       timestamptz
      )`);
    await runner.query(`
      CREATE TABLE risk.ruleset_slots (
        slot        varchar(8)   PRIMARY KEY CHECK (slot IN ('live', 'shadow')),
        version     integer      REFERENCES risk.rulesets (version),
        changed_by  varchar(128) NOT NULL,
        changed_at  timestamptz  NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `INSERT INTO risk.rulesets (description, review_threshold, deny_threshold, rules, created_by, published_at)
       VALUES ($1, $2, $3, $4, 'system', now())`,
      [DEFAULT_RULESET.description, DEFAULT_RULESET.reviewThreshold, DEFAULT_RULESET.denyThreshold, JSON.stringify(rulesToJson(DEFAULT_RULESET.rules))],
    );
    await runner.query(`INSERT INTO risk.ruleset_slots (slot, version, changed_by) VALUES ('live', 1, 'system'), ('shadow', NULL, 'system')`);

    await runner.query(`
      CREATE TABLE risk.list_entries (
        id          uuid          PRIMARY KEY,
        list        varchar(16)   NOT NULL CHECK (list IN ('device_block', 'ip_block', 'id_block', 'card_block', 'device_allow')),
        -- Device id, or the HMAC blind index of an ID number or card (never the number).
        value       varchar(64),
        network     cidr,
        reason      varchar(500)  NOT NULL,
        expires_at  timestamptz,
        created_by  varchar(128)  NOT NULL,
        created_at  timestamptz   NOT NULL DEFAULT now(),
        removed_by  varchar(128),
        removed_at  timestamptz,
        CHECK ((list = 'ip_block') = (network IS NOT NULL)),
        CHECK ((list = 'ip_block') = (value IS NULL))
      )`);
    await runner.query(`CREATE UNIQUE INDEX list_entries_active_value ON risk.list_entries (list, value) WHERE removed_at IS NULL AND value IS NOT NULL`);
    await runner.query(`CREATE UNIQUE INDEX list_entries_active_network ON risk.list_entries (network) WHERE removed_at IS NULL AND network IS NOT NULL`);
    // Containment (network >>= ip) on the few thousand blocked networks.
    await runner.query(
      `CREATE INDEX list_entries_networks ON risk.list_entries USING gist (network inet_ops) WHERE removed_at IS NULL AND network IS NOT NULL`,
    );
    await runner.query(`CREATE INDEX list_entries_by_list ON risk.list_entries (list, created_at DESC, id DESC) WHERE removed_at IS NULL`);

    await runner.query(`
      CREATE TABLE risk.devices (
        device_id            varchar(32)  PRIMARY KEY,
        first_seen_at        timestamptz  NOT NULL,
        -- The fingerprint algorithm current when the device was first seen.
        fingerprint_version  varchar(8)   NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE risk.device_keys (
        -- HMAC of a hard id or fingerprint: raw OAIDs and Android IDs are never stored in clear.
        key_hash    varchar(64)  PRIMARY KEY,
        -- 'aiid', 'oaid', 'idfv', or a fingerprint algorithm version ('fp1', ...).
        key_kind    varchar(8)   NOT NULL,
        device_id   varchar(32)  NOT NULL REFERENCES risk.devices (device_id),
        created_at  timestamptz  NOT NULL
      )`);
    await runner.query(`CREATE INDEX device_keys_device ON risk.device_keys (device_id)`);

    await runner.query(`
      CREATE TABLE risk.decisions (
        id                      uuid          NOT NULL,
        occurred_at             timestamptz   NOT NULL,
        event_type              varchar(20)   NOT NULL,
        subject_id              varchar(128)  NOT NULL,
        merchant_id             varchar(128),
        requested_by            varchar(10)   NOT NULL,
        device_id               varchar(32)   NOT NULL,
        device_id_kind          varchar(12)   NOT NULL,
        device_confidence       real          NOT NULL,
        fingerprint_version     varchar(8)    NOT NULL,
        hard_id_changed         boolean       NOT NULL,
        ip                      inet          NOT NULL,
        score                   smallint      NOT NULL,
        decision                varchar(6)    NOT NULL CHECK (decision IN ('ALLOW', 'REVIEW', 'DENY')),
        reasons                 jsonb         NOT NULL,
        hit_rules               text[]        NOT NULL,
        ruleset_version         integer       NOT NULL,
        -- One letter per rule of that version, in order: H hit, N no hit, E error.
        rule_outcomes           varchar(400)  NOT NULL,
        rule_errors             jsonb,
        shadow_ruleset_version  integer,
        shadow_score            smallint,
        shadow_decision         varchar(6),
        shadow_rule_outcomes    varchar(400),
        shadow_rule_errors      jsonb,
        -- json, not jsonb: read back whole and never queried inside, and a
        -- validated text copy costs a third of a binary conversion on the hot path.
        features                json          NOT NULL,
        signals                 json          NOT NULL,
        -- Device identifiers, GPS, ID number, card, phone, installed apps, extra signals: AES-256-GCM.
        sensitive_snapshot_enc  bytea         NOT NULL,
        id_number_bidx          varchar(64),
        card_bidx               varchar(64),
        phone_bidx              varchar(64),
        kyc_outcome             varchar(12),
        label                   varchar(5)    CHECK (label IN ('FRAUD', 'LEGIT')),
        labelled_by             varchar(128),
        labelled_at             timestamptz,
        PRIMARY KEY (id, occurred_at)
      ) PARTITION BY RANGE (occurred_at)`);
    // The analyst queries: newest first by subject, by device, by outcome, or by time alone.
    await runner.query(`CREATE INDEX decisions_by_subject ON risk.decisions (subject_id, occurred_at DESC, id DESC)`);
    await runner.query(`CREATE INDEX decisions_by_device ON risk.decisions (device_id, occurred_at DESC, id DESC)`);
    await runner.query(`CREATE INDEX decisions_by_outcome ON risk.decisions (decision, occurred_at DESC, id DESC)`);
    await runner.query(`CREATE INDEX decisions_by_time ON risk.decisions (occurred_at DESC, id DESC)`);
    await runner.query(`CREATE INDEX decisions_by_rule ON risk.decisions USING gin (hit_rules)`);
    // Catches rows outside every partition (e.g. after a long outage of the maintainer) instead of failing the insert.
    await runner.query(`CREATE TABLE risk.decisions_default PARTITION OF risk.decisions DEFAULT`);

    await runner.query(`
      CREATE TABLE risk.velocity_events (
        occurred_at  timestamptz   NOT NULL,
        decision_id  uuid          NOT NULL,
        device_id    varchar(32)   NOT NULL,
        subject_id   varchar(128)  NOT NULL,
        ip           inet          NOT NULL,
        -- Country|province|city of the IP, '' when unknown.
        city         varchar(160)  NOT NULL,
        card_bidx    varchar(64),
        kyc_failed   boolean       NOT NULL DEFAULT false,
        -- Rounded to ~1 km: enough for impossible travel, not a precise location.
        loc_lat      real,
        loc_lon      real,
        loc_source   varchar(3)
      ) PARTITION BY RANGE (occurred_at)`);
    await runner.query(`CREATE INDEX velocity_by_device ON risk.velocity_events (device_id, occurred_at)`);
    await runner.query(`CREATE INDEX velocity_by_subject ON risk.velocity_events (subject_id, occurred_at)`);
    await runner.query(`CREATE TABLE risk.velocity_events_default PARTITION OF risk.velocity_events DEFAULT`);

    // Events per IP are counted in buckets, not by scanning events: a carrier NAT address sees
    // thousands of events an hour. Minute buckets serve the 5 min and 1 h windows, hour buckets 24 h and 7 d.
    await runner.query(`
      CREATE TABLE risk.ip_event_counts (
        ip      inet         NOT NULL,
        grain   char(1)      NOT NULL CHECK (grain IN ('m', 'h')),
        bucket  timestamptz  NOT NULL,
        events  integer      NOT NULL,
        PRIMARY KEY (ip, grain, bucket)
      )`);

    // The partition maintainer keeps creating these ahead; the migration covers the first days.
    const now = Date.now();
    for (let month = -1; month <= 2; month++) {
      const at = new Date(now);
      at.setUTCDate(1);
      at.setUTCMonth(at.getUTCMonth() + month);
      await runner.query(createPartitionSql(DECISION_PARTITIONS, at));
    }
    for (let week = -2; week <= 1; week++) await runner.query(createPartitionSql(EVENT_PARTITIONS, new Date(now + week * 7 * 86_400_000)));

    await createOutboxTable(runner, 'risk');
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropOutboxTable(runner, 'risk');
    await runner.query('DROP TABLE risk.ip_event_counts');
    await runner.query('DROP TABLE risk.velocity_events');
    await runner.query('DROP TABLE risk.decisions');
    await runner.query('DROP TABLE risk.device_keys');
    await runner.query('DROP TABLE risk.devices');
    await runner.query('DROP TABLE risk.list_entries');
    await runner.query('DROP TABLE risk.ruleset_slots');
    await runner.query('DROP TABLE risk.rulesets');
  }
}
