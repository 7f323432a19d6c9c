import { createDataSource, runMigrations } from '#libs/db';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDataSourceSettings } from '../../../../../test/setup/schemas.js';
import { identityDataSource } from './identity.data-source.js';

describe('identity migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(inject('serverUrl'), 'kyc_identity_migrations_test');
  });
  afterAll(() => database.drop());

  it('apply, undo in order, and apply again', async () => {
    const settings = testDataSourceSettings(database.url, identityDataSource);
    expect(await runMigrations(createDataSource(settings), settings.schema)).toEqual([
      'CreateIdentitySchema1732233600000',
      'CreateVerificationSessions1732233602000',
      'SubjectDataRights1732233604000',
    ]);
    const dataSource = await createDataSource(settings).initialize();
    try {
      const tables = async () =>
        (
          await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'identity' AND table_name <> 'migrations' ORDER BY 1`)
        ).map((row: { table_name: string }) => row.table_name);
      expect(await tables()).toEqual(['erasures', 'failed_attempts', 'outbox', 'session_factors', 'sessions', 'verification_levels']);
      // Undoing the restriction columns would put held records back into use: refused while any exist.
      const held = randomUUID();
      await dataSource.query(
        `INSERT INTO identity.sessions (id, subject_id, target_level, status, created_at, expires_at, restricted_at) VALUES ($1, 'user-1', 'L1', 'VERIFIED', now(), now(), now())`,
        [held],
      );
      await expect(dataSource.undoLastMigration({ transaction: 'each' })).rejects.toThrow(/restricted under a legal hold/);
      await dataSource.query('DELETE FROM identity.sessions WHERE id = $1', [held]);
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await tables()).toEqual(['failed_attempts', 'outbox', 'session_factors', 'sessions', 'verification_levels']);
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await tables()).toEqual(['verification_levels']);
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await tables()).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
    expect(await runMigrations(createDataSource(settings), settings.schema)).toHaveLength(3);
  });
});
