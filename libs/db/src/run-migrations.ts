import type { DataSource } from 'typeorm';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Creates the service's schema (TypeORM keeps its migrations table inside it,
 * so the schema must exist first) and applies pending migrations, each in its
 * own transaction. Returns the names of the migrations applied.
 */
export async function runMigrations(dataSource: DataSource, schema: string): Promise<string[]> {
  if (!IDENTIFIER.test(schema)) throw new Error(`Invalid schema name ${schema}`);
  const wasInitialised = dataSource.isInitialized;
  if (!wasInitialised) await dataSource.initialize();
  try {
    // Several services may migrate at once on a fresh database; a
    // transaction-level advisory lock keeps CREATE SCHEMA from racing itself.
    await dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`schema:${schema}`]);
      await manager.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    });
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    if (!wasInitialised) await dataSource.destroy();
  }
}
