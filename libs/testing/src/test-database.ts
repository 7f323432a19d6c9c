import { randomBytes } from 'node:crypto';
import { withDatabase } from '#libs/db';
import pg from 'pg';

/**
 * A test may only ever touch a database whose name says it is for tests, so
 * no test run can wipe real data, whatever DATABASE_URL points at.
 */
export function assertTestDatabaseName(name: string): void {
  if (!/test/i.test(name)) throw new Error(`Refusing to use database "${name}" for tests: its name must contain "test"`);
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A unique database name under `prefix`; refused unless the prefix says it is for tests. */
export function uniqueTestDatabaseName(prefix = 'kyc_test'): string {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  assertTestDatabaseName(name);
  return name;
}

/** Creates a fresh, uniquely named database on the server behind `serverUrl`. */
export async function createTestDatabase(serverUrl: string, prefix = 'kyc_test'): Promise<TestDatabase> {
  const name = uniqueTestDatabaseName(prefix);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  return {
    url,
    name,
    async drop() {
      assertTestDatabaseName(name);
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
