import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '#libs/db';
import { ensureDatabase } from '../../scripts/stack/database.js';
import { freePorts } from '../../scripts/stack/ports.js';
import { startStack, type RunningStack } from '../../scripts/stack/stack.js';

export interface BenchStack {
  /** Admin URL of the server, for more databases. */
  serverUrl: string;
  databaseUrl: string;
  gatewayUrl: string;
  riskAddress: string;
  dataDir: string;
  /** Stops risk and the gateway, keeping PostgreSQL for the query benchmark. */
  stopServices(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A durable PostgreSQL (fsync and synchronous commit on: a decision is on
 * disk before it is answered) in a throwaway folder, migrated, with the risk
 * service and the gateway started from the build as separate processes.
 * `DATABASE_URL` (a server URL) replaces the embedded server.
 */
export async function startBenchStack(
  log: (line: string) => void,
  options: {
    nodeArgs?: { risk?: string[]; gateway?: string[] };
    riskEnv?: Record<string, string>;
    postgresSettings?: string[];
    postgresLog?: (line: string) => void;
    /** Risk reaches the embedded server through a Unix socket in this folder instead of loopback TCP. */
    unixSocketDir?: string;
  } = {},
): Promise<BenchStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kyc-bench-'));
  chmodSync(dataDir, 0o755);
  const [pgPort, gateway, sandbox, identity, merchant, risk, privacy] = await freePorts(7);
  let postgres: EmbeddedPostgres | undefined;
  let serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) {
    postgres = await startEmbeddedPostgres({
      dataDir: join(dataDir, 'pg'),
      port: pgPort!,
      password: randomBytes(12).toString('hex'),
      durable: true,
      settings: [...(options.postgresSettings ?? []), ...(options.unixSocketDir ? [`unix_socket_directories=${options.unixSocketDir}`] : [])],
      log: options.postgresLog,
    });
    serverUrl = postgres.url();
  }
  const database = `kyc_bench_${Date.now()}`;
  await ensureDatabase(serverUrl, database);
  const databaseUrl = serverUrl.replace(/\/[^/?]*(\?|$)/, `/${database}$1`);
  log(`PostgreSQL ${postgres ? 'embedded (durable)' : 'external'}, database ${database}`);
  let stack: RunningStack | undefined;
  try {
    stack = await startStack({
      databaseUrl,
      dataDir,
      ports: { gateway: gateway!, sandbox: sandbox!, identity: identity!, merchant: merchant!, risk: risk!, privacy: privacy!, metricsBase: 0 },
      nodeEnv: 'test',
      logLevel: 'warn',
      logDir: join(dataDir, 'logs'),
      echo: false,
      only: ['risk', 'gateway'],
      extraEnv: {
        gateway: { RATE_LIMIT_PER_MINUTE: '100000000' },
        risk: {
          DB_POOL_SIZE: '12',
          RISK_AUDIT_RELAY: 'false',
          ...(options.unixSocketDir ? { DATABASE_URL: `${databaseUrl}?host=${encodeURIComponent(options.unixSocketDir)}` } : {}),
          ...options.riskEnv,
        },
      },
      nodeArgs: options.nodeArgs,
    });
  } catch (error) {
    await postgres?.stop();
    throw error;
  }
  let servicesStopped = false;
  const stopServices = async (): Promise<void> => {
    if (servicesStopped) return;
    servicesStopped = true;
    await stack?.stop();
  };
  return {
    serverUrl,
    databaseUrl,
    gatewayUrl: stack.gatewayUrl,
    riskAddress: `127.0.0.1:${risk}`,
    dataDir,
    stopServices,
    async stop() {
      await stopServices();
      await postgres?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The bare grpc-js baseline server, as its own process like the service it is compared with. */
export async function startBaseline(): Promise<{ address: string; stop(): Promise<void> }> {
  const [port] = await freePorts(1);
  const child: ChildProcess = spawn(process.execPath, [resolve('dist/bench/baseline-server.js'), String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((ready, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('LISTENING') && ready());
    child.once('exit', (code) => fail(new Error(`baseline server exited with ${code}`)));
  });
  return {
    address: `127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
