import { loadDevSecrets } from '#libs/config';
import { startEmbeddedPostgres, withDatabase } from '#libs/db';
import { join } from 'node:path';
import pg from 'pg';

export interface StackDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/**
 * `DATABASE_URL` when given; otherwise an embedded PostgreSQL whose data
 * lives in `<dataDir>/pg`, so a restart keeps it.
 */
export async function startStackDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  port: number;
  log: (message: string) => void;
}): Promise<StackDatabase> {
  if (options.databaseUrl) return { url: options.databaseUrl, embedded: false, stop: async () => undefined };
  const secrets = loadDevSecrets(options.dataDir, options.log);
  const server = await startEmbeddedPostgres({
    dataDir: join(options.dataDir, 'pg'),
    port: options.port,
    password: secrets.postgresPassword,
    log: () => undefined,
    notice: options.log,
  });
  try {
    await ensureDatabase(server.url(), 'kyc');
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: server.url('kyc'), embedded: true, stop: () => server.stop() };
}
