import { loadDevSecrets } from '#libs/config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '#libs/db';
import { signDevToken } from '#libs/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { E2E_EXTRA_ENV } from '../../setup/e2e-env.js';
import type { AppName } from '../../../scripts/stack/app-specs.js';
import { freePorts } from '../../../scripts/stack/ports.js';
import { startStack, type RunningStack } from '../../../scripts/stack/stack.js';

export interface FaultStack {
  stack: RunningStack;
  databaseUrl: string;
  logDir: string;
  token(roles: string[], options?: { sub?: string; merchantId?: string }): Promise<string>;
  /** Stops PostgreSQL (fast shutdown: open connections are cut). */
  stopDatabase(): Promise<void>;
  /** Starts it again on the same port and data, so the apps can reconnect. */
  startDatabase(): Promise<void>;
  sql<T = Record<string, unknown>>(text: string, parameters?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * A whole stack of its own for one fault scenario, on an embedded
 * PostgreSQL this scenario may stop and start, so faults never disturb
 * other tests.
 */
export async function startFaultStack(extraEnv: Partial<Record<AppName, Record<string, string>>> = {}): Promise<FaultStack> {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-fault-'));
  chmodSync(dir, 0o755);
  const [pgPort, gateway, sandbox, identity, merchant, risk, privacy] = await freePorts(7);
  const password = randomBytes(12).toString('hex');
  const pgOptions = { dataDir: join(dir, 'pg'), port: pgPort!, password, durable: false };
  let database: EmbeddedPostgres = await startEmbeddedPostgres(pgOptions);
  const admin = new pg.Client({ connectionString: database.url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE kyc_fault_test');
  await admin.end();
  const databaseUrl = database.url('kyc_fault_test');
  const logDir = join(dir, 'logs');
  const merged = Object.fromEntries(
    [...new Set([...Object.keys(E2E_EXTRA_ENV), ...Object.keys(extraEnv)])].map((app) => [
      app,
      { ...E2E_EXTRA_ENV[app as AppName], ...extraEnv[app as AppName] },
    ]),
  );
  const stack = await startStack({
    databaseUrl,
    dataDir: dir,
    ports: { gateway: gateway!, sandbox: sandbox!, identity: identity!, merchant: merchant!, risk: risk!, privacy: privacy!, metricsBase: 0 },
    nodeEnv: 'test',
    logLevel: 'info',
    logDir,
    echo: false,
    extraEnv: merged,
  });
  const secret = loadDevSecrets(dir).jwtSecret;
  const query = async <T>(text: string, parameters: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(text, parameters)).rows as T[];
    } finally {
      await client.end();
    }
  };
  return {
    stack,
    databaseUrl,
    logDir,
    token: (roles, options = {}) => signDevToken({ sub: options.sub ?? `fault-${randomUUID()}`, roles, merchantId: options.merchantId }, { secret }),
    stopDatabase: () => database.stop(),
    async startDatabase() {
      database = await startEmbeddedPostgres(pgOptions);
    },
    sql: query,
    async close() {
      await stack.stop();
      await database.stop();
      if (!process.env['KEEP_FAULT_LOGS']) rmSync(dir, { recursive: true, force: true });
    },
  };
}
