import { startEmbeddedPostgres } from '#libs/db';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

export interface TestPostgres {
  /** Admin URL of the server (database `postgres`). */
  serverUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The server tests run against: `DATABASE_URL`'s server when set (tests then
 * create their own `*test*` databases on it), otherwise a throwaway embedded
 * PostgreSQL in a temp folder, so `npm test` needs no database installed.
 */
export async function startTestPostgres(databaseUrl: string | undefined): Promise<TestPostgres> {
  if (databaseUrl) return { serverUrl: databaseUrl, embedded: false, stop: async () => undefined };
  // A 700 folder: when we are root, the launcher makes it traversable for the `postgres` user the server runs as.
  const dir = mkdtempSync(join(tmpdir(), 'kyc-test-pg-'));
  const server = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await freePort(), password: randomBytes(12).toString('hex'), durable: false });
  return {
    serverUrl: server.url('postgres'),
    embedded: true,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
