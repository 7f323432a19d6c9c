import { createDataSource, runMigrations } from '#libs/db';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDataSourceSettings } from '../../../../../test/setup/schemas.js';
import { androidDevice, assessAs, assessInput, riskContext } from '../../testing/risk-context.fixture.js';
import { riskDataSource } from './risk.data-source.js';

describe('risk migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(inject('serverUrl'), 'kyc_risk_migrations_test');
  });
  afterAll(() => database.drop());

  it('apply, undo in order (refusing to lift a legal hold), and apply again', async () => {
    const settings = testDataSourceSettings(database.url, riskDataSource);
    expect(await runMigrations(createDataSource(settings), settings.schema)).toEqual([
      'CreateRiskSchema1732233603000',
      'SubjectDataRightsAndReviews1732233605000',
      'LocatedEventsIndex1732233606000',
    ]);
    const context = await riskContext(database.url);
    const dataSource = context.dataSource;
    try {
      const tables = async () =>
        (
          await dataSource.query(
            `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'risk' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'migrations' ORDER BY 1`,
          )
        ).map((row: { name: string }) => row.name);
      const columns = async () =>
        (
          await dataSource.query(
            `SELECT column_name AS name, is_nullable AS nullable FROM information_schema.columns
             WHERE table_schema = 'risk' AND table_name = 'decisions' AND column_name IN ('restricted_at', 'hold_until', 'anonymised_at', 'ip', 'device_id') ORDER BY 1`,
          )
        ).map((row: { name: string; nullable: string }) => `${row.name}:${row.nullable}`);
      expect(await tables()).toEqual([
        'decision_reviews',
        'decisions',
        'device_keys',
        'devices',
        'erasures',
        'ip_event_counts',
        'list_entries',
        'outbox',
        'ruleset_slots',
        'rulesets',
        'velocity_events',
      ]);
      expect(await columns()).toEqual(['anonymised_at:YES', 'device_id:YES', 'hold_until:YES', 'ip:YES', 'restricted_at:YES']);
      // The indexes were created on the partitioned parent, so every partition (the default one too) has them.
      const [{ partitions, indexed }] = await dataSource.query(
        `SELECT count(DISTINCT p.inhrelid)::int AS partitions, count(DISTINCT i.indrelid)::int AS indexed
         FROM pg_inherits p JOIN pg_class parent ON parent.oid = p.inhparent AND parent.relname = 'decisions'
         JOIN pg_namespace n ON n.oid = parent.relnamespace AND n.nspname = 'risk'
         LEFT JOIN pg_index i ON i.indrelid = p.inhrelid
           AND i.indexrelid IN (SELECT c.oid FROM pg_class c JOIN pg_inherits ip ON ip.inhrelid = c.oid JOIN pg_class pi ON pi.oid = ip.inhparent WHERE pi.relname = 'decisions_hold_until')`,
      );
      expect(partitions).toBeGreaterThanOrEqual(4);
      expect(indexed).toBe(partitions);

      const locatedIndex = async () =>
        (
          await dataSource.query(
            `SELECT pg_get_indexdef(c.oid) AS definition FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'risk' AND c.relname = 'velocity_located_by_subject'`,
          )
        ).map((row: { definition: string }) => row.definition);
      expect(await locatedIndex()).toEqual([expect.stringMatching(/\(subject_id, occurred_at\) WHERE \(loc_lat IS NOT NULL\)$/)]);
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await locatedIndex()).toEqual([]);

      // Undoing the restriction columns would put held decisions back into analyst use: refused while any exist.
      const held = await assessAs(context, assessInput({ subjectId: 'user-held', device: androidDevice(), eventType: 'PAYMENT', amount: 1 }));
      await assessAs(context, assessInput({ subjectId: 'user-kept', device: androidDevice() }));
      await dataSource.query('UPDATE risk.decisions SET restricted_at = now() WHERE id = $1', [held.id]);
      await expect(dataSource.undoLastMigration({ transaction: 'each' })).rejects.toThrow(/restricted under a legal hold/);
      await dataSource.query('UPDATE risk.decisions SET restricted_at = NULL WHERE id = $1', [held.id]);
      // An anonymised decision cannot meet the old schema's NOT NULLs: undoing removes it.
      await dataSource.query('UPDATE risk.decisions SET anonymised_at = now(), ip = NULL, device_id = NULL, sensitive_snapshot_enc = NULL WHERE id = $1', [
        held.id,
      ]);
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await tables()).toEqual([
        'decisions',
        'device_keys',
        'devices',
        'ip_event_counts',
        'list_entries',
        'outbox',
        'ruleset_slots',
        'rulesets',
        'velocity_events',
      ]);
      expect(await columns()).toEqual(['device_id:NO', 'ip:NO']);
      expect(await dataSource.query('SELECT subject_id FROM risk.decisions')).toEqual([{ subject_id: 'user-kept' }]);
    } finally {
      await context.close();
    }
    expect(await runMigrations(createDataSource(settings), settings.schema)).toEqual([
      'SubjectDataRightsAndReviews1732233605000',
      'LocatedEventsIndex1732233606000',
    ]);
  });
});
