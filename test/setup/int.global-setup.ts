import { createTestDatabase, startTestPostgres } from '#libs/testing';
import type { TestProject } from 'vitest/node';
import { migrateAllSchemas } from './schemas.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    /** Admin URL of the test server, for specs that need a database of their own. */
    serverUrl: string;
  }
}

/**
 * Integration specs share one migrated database per run (immich's
 * globalSetup pattern); each spec seeds its own uniquely named data.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestPostgres(process.env['DATABASE_URL']);
  const database = await createTestDatabase(server.serverUrl, 'kyc_int_test');
  await migrateAllSchemas(database.url);
  process.env['TEST_DATABASE_URL'] = database.url;
  project.provide('databaseUrl', database.url);
  project.provide('serverUrl', server.serverUrl);
  return async () => {
    await database.drop();
    await server.stop();
  };
}
