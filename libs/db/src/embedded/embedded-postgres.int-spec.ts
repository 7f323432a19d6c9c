import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres.js';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  await new Promise((closed) => server.close(closed));
  return port;
}

function dataFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'kyc-embedded-'));
  folders.push(folder);
  return join(folder, 'pg');
}

/** Server processes whose command line names this data folder. */
function serversOf(dataDir: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', `postgres -D ${dataDir} `])
      .toString()
      .trim()
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
}

describe('embedded PostgreSQL', () => {
  it('starts, answers, and leaves no process once stopped', async () => {
    const dataDir = dataFolder();
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), password: 'secret-for-test' });
    const client = new pg.Client({ connectionString: server.url() });
    await client.connect();
    const { rows } = await client.query<{ answer: number }>('SELECT 6 * 7 AS answer');
    await client.end();
    expect(rows[0]!.answer).toBe(42);
    await server.stop();
    expect(serversOf(dataDir)).toEqual([]);
  });

  it('stops a server that never reports ready instead of leaving it running', async () => {
    const dataDir = dataFolder();
    // With the logging collector on, the "ready" line goes to a file, never to the launcher.
    const start = startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      password: 'secret-for-test',
      settings: ['logging_collector=on', 'log_directory=log'],
      readyTimeoutMs: 4_000,
    });
    await expect(start).rejects.toThrow(/did not become ready/);
    expect(serversOf(dataDir)).toEqual([]);
  });
});
