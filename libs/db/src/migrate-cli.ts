import type { Logger } from 'pino';
import { createDataSource, type DataSourceSettings } from './data-source.factory.js';
import { runMigrations } from './run-migrations.js';

/** Body of each app's `migrate` entry point: apply pending migrations, then exit. */
export async function migrateAndExit(logger: Logger, settings: () => DataSourceSettings): Promise<void> {
  try {
    const resolved = settings();
    const applied = await runMigrations(createDataSource(resolved), resolved.schema);
    logger.info({ applied }, `${resolved.schema} schema up to date (${applied.length} applied)`);
  } catch (error) {
    logger.fatal({ err: error }, error instanceof Error ? error.message : 'Migration failed');
    logger.flush();
    process.exitCode = 1;
  }
}
