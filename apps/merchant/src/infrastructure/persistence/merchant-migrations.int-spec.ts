import { createDataSource, runMigrations } from '#libs/db';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDataSourceSettings } from '../../../../../test/setup/schemas.js';
import { merchantDataSource } from './merchant.data-source.js';

describe('merchant migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(inject('serverUrl'), 'kyc_merchant_migrations_test');
  });
  afterAll(() => database.drop());

  it('apply, backfill the creating subject, refuse to lift a restriction, undo in order, and apply again', async () => {
    const settings = testDataSourceSettings(database.url, merchantDataSource);
    const dataSource = await createDataSource(settings).initialize();
    const tables = async (): Promise<string[]> =>
      (
        await dataSource.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'merchant' AND table_name <> 'migrations' ORDER BY 1")
      ).map((row: { table_name: string }) => row.table_name);
    const insertApplication = (id: string, businessCode: string) =>
      dataSource.query(
        `INSERT INTO merchant.applications (id, merchant_id, kind, business_code, type, status, level, form_enc, created_at, updated_at)
         VALUES ($1, 'm-1', 'ONBOARDING', $2, 'INDIVIDUAL', 'ACTIVE', 'L1', $3, now(), now())`,
        [id, businessCode, randomBytes(8)],
      );
    try {
      expect(await runMigrations(dataSource, settings.schema)).toEqual(['CreateMerchantSchema1732233602000', 'SubjectDataRights1732233602100']);
      await dataSource.undoLastMigration({ transaction: 'each' });
      // A record from before: its creator is the subject who submitted it.
      const before = randomUUID();
      await insertApplication(before, 'code-1');
      await dataSource.query(
        `INSERT INTO merchant.application_transitions (event_id, application_id, from_status, to_status, actor_type, actor_id, occurred_at)
         VALUES ($1, $2, 'DRAFT', 'SUBMITTED', 'MERCHANT', 'user-7', now()), ($3, $2, 'SUBMITTED', 'IN_REVIEW', 'SYSTEM', 'merchant-checks', now())`,
        [randomUUID(), before, randomUUID()],
      );
      await dataSource.runMigrations({ transaction: 'each' });
      expect(await dataSource.query('SELECT created_by FROM merchant.applications WHERE id = $1', [before])).toEqual([{ created_by: 'user-7' }]);
      expect(await tables()).toEqual([
        'application_transitions',
        'applications',
        'documents',
        'erasure_requests',
        'form_corrections',
        'outbox',
        'review_decisions',
        'webhooks',
      ]);

      // A business code is unique among usable records only: a restricted one never answers a new request.
      await dataSource.query("UPDATE merchant.applications SET restricted_at = now(), restricted_status = 'ACTIVE' WHERE id = $1", [before]);
      await insertApplication(randomUUID(), 'code-1');
      await expect(dataSource.undoLastMigration({ transaction: 'each' })).rejects.toThrow(/restricted under a legal hold/);

      await dataSource.query('DELETE FROM merchant.application_transitions');
      await dataSource.query('DELETE FROM merchant.applications');
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await tables()).toEqual(['application_transitions', 'applications', 'documents', 'outbox', 'review_decisions', 'webhooks']);
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await tables()).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
    expect(await runMigrations(createDataSource(settings), settings.schema)).toEqual(['CreateMerchantSchema1732233602000', 'SubjectDataRights1732233602100']);
  });
});
