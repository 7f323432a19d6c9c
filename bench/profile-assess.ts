import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startBenchStack } from './support/bench-stack.js';
import { assessSerializer, grpcFrame, riskChannels } from './support/grpc-channels.js';
import { closedLoop, openLoop } from './support/load.js';
import { httpAssessments } from './support/http-assess.js';
import { generatePayloads } from './support/payloads.js';

/**
 * `npm run bench:profile`: drives `Assess` over gRPC against the bench stack
 * (closed loop, or `--rate` for an open loop) and prints
 * - the CPU each process used per request (risk, PostgreSQL backends, the load generator),
 * - PostgreSQL's statements by time (pg_stat_statements is preloaded),
 * - where risk spent its CPU (`--cpu-prof`; `--no-profile` to leave out), the
 *   profile itself kept in `--out` for Chrome DevTools, with PostgreSQL's log.
 * Experiments: `--risk-env NAME=value`, `--node-arg <flag>` (risk), `--pg-setting name=value`
 * (e.g. `session_preload_libraries=auto_explain` and `auto_explain.log_min_duration=5ms`),
 * `--explain <SQL with $1 text[]>` to print a statement's generic plan over stored key hashes.
 * Numbers vary by ±30 % on this shared machine; compare runs made minutes apart.
 */
const { values: args } = parseArgs({
  options: {
    'duration-s': { type: 'string', default: '15' },
    concurrency: { type: 'string', default: '64' },
    out: { type: 'string', default: 'bench-profile' },
    top: { type: 'string', default: '40' },
    profile: { type: 'boolean', default: true },
    /** Fill the tables first with this many seconds of closed-loop load (not measured). */
    'preload-s': { type: 'string', default: '0' },
    /** Open loop at this rate instead of the closed loop: shows stalls as latency. */
    rate: { type: 'string' },
    'risk-env': { type: 'string', multiple: true, default: [] },
    'node-arg': { type: 'string', multiple: true, default: [] },
    'pg-setting': { type: 'string', multiple: true, default: [] },
    explain: { type: 'string' },
    /** `http`: through the gateway (POST /v1/risk/assessments) instead of gRPC to risk. */
    via: { type: 'string', default: 'grpc' },
    /** The process to profile: `risk` or `gateway`. */
    app: { type: 'string', default: 'risk' },
    /** Risk talks to PostgreSQL over a Unix socket (embedded server only). */
    'unix-socket': { type: 'boolean', default: false },
  },
  allowNegative: true,
});
const log = (line: string): void => void process.stdout.write(`${line}\n`);

/** A PostgreSQL process by its title: a backend serving a client, or a background worker by name. */
function postgresRole(title: string): string {
  const worker =
    /^postgres: (checkpointer|background writer|walwriter|autovacuum launcher|autovacuum worker|logical replication launcher|stats collector)/.exec(title);
  if (worker) return `postgres ${worker[1]}`;
  return title.startsWith('postgres: ') ? 'postgres backends' : 'postgres (postmaster)';
}

/** Every CPU second of the machine so far (from /proc/stat), including processes that have since exited. */
function machineCpu(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  return (fields.reduce((sum, value, index) => (index < 8 ? sum + value : sum), 0) - fields[3]! - fields[4]!) / 100;
}

/** CPU seconds used so far by every process on the machine, grouped by what it is. */
function cpuByProcess(): Map<string, number> {
  const ticks = 100;
  const totals = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cpu = (Number(fields[11]) + Number(fields[12])) / ticks;
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const app = ['risk', 'gateway'].find((name) => command.some((part) => part.includes(`/${name}/src/main`)));
      const isPostgres = command[0]?.endsWith('postgres') || stat.includes('(postgres)');
      const name = isPostgres ? postgresRole(command.join(' ')) : (app ?? (Number(pid) === process.pid ? 'load generator' : 'other'));
      totals.set(name, (totals.get(name) ?? 0) + cpu);
    } catch {
      // The process ended while being read.
    }
  }
  return totals;
}

/** The statements PostgreSQL spent its time on (needs the embedded server: pg_stat_statements is preloaded there). */
async function printStatements(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const { rows } = await client.query<{ query: string; calls: string; total: number; mean: number; rows: string }>(
      `SELECT regexp_replace(query, '\\s+', ' ', 'g') AS query, calls, total_exec_time AS total, mean_exec_time AS mean, rows
       FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12`,
    );
    log('\nPostgreSQL statements by total execution time');
    for (const row of rows)
      log(
        `  ${row.total.toFixed(0).padStart(7)} ms  ${String(row.calls).padStart(6)} calls  ${row.mean.toFixed(2).padStart(7)} ms  ${String(row.rows).padStart(7)} rows  ${row.query.slice(0, 110)}`,
      );
    if (args.explain) {
      const sample = await client.query<{ key_hash: string }>('SELECT key_hash FROM risk.device_keys ORDER BY random() LIMIT 150');
      const hashes = sample.rows.map((row) => row.key_hash);
      await client.query('SET plan_cache_mode = force_generic_plan');
      await client.query(`PREPARE known(text[]) AS ${args.explain}`);
      const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) EXECUTE known(${client.escapeLiteral(`{${hashes.join(',')}}`)})`);
      for (const row of plan.rows) log(`  ${row['QUERY PLAN']}`);
    }
  } catch (error) {
    log(`(no pg_stat_statements: ${(error as Error).message})`);
  } finally {
    await client.end();
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function groupOf(url: string): string {
  if (!url) return '(native/gc)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return url;
  const dist = url.indexOf('/dist/');
  return dist >= 0
    ? url
        .slice(dist + 6)
        .split('/')
        .slice(0, 4)
        .join('/')
    : url;
}

function summarise(profile: Profile, top: number): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const total = [...self.values()].reduce((sum, value) => sum + value, 0);
  const idle = [...self.entries()].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((sum, [, value]) => sum + value, 0);
  const add = (map: Map<string, number>, key: string, value: number): void => void map.set(key, (map.get(key) ?? 0) + value);
  const functions = new Map<string, number>();
  const groups = new Map<string, number>();
  for (const [id, time] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    add(functions, `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*\/(node_modules|dist)\//, '')}:${lineNumber + 1}` : ''}`, time);
    add(groups, groupOf(url), time);
  }
  const busy = total - idle;
  const print = (title: string, map: Map<string, number>): void => {
    log(`\n${title} (share of busy time)`);
    for (const [key, time] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      log(`  ${((time / busy) * 100).toFixed(1).padStart(5)} %  ${key}`);
    }
  };
  log(`busy ${(busy / 1e6).toFixed(1)} s of ${(total / 1e6).toFixed(1)} s sampled`);
  print('By package or folder', groups);
  print('By function (self time)', functions);
}

/** A folder the server (running as `postgres` when we are root) may create its socket in. */
function socketFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'kyc-pg-socket-'));
  chmodSync(folder, 0o777);
  return folder;
}

async function main(): Promise<void> {
  const out = resolve(args.out);
  mkdirSync(out, { recursive: true });
  const socketDir = args['unix-socket'] ? socketFolder() : undefined;
  const stack = await startBenchStack(log, {
    nodeArgs: {
      risk: [...(args.profile && args.app === 'risk' ? ['--cpu-prof', `--cpu-prof-dir=${out}`] : []), ...args['node-arg']],
      gateway: args.profile && args.app === 'gateway' ? ['--cpu-prof', `--cpu-prof-dir=${out}`] : [],
    },
    riskEnv: Object.fromEntries(args['risk-env'].map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)])),
    unixSocketDir: socketDir,
    postgresLog: (line) => appendFileSync(join(out, 'postgres.log'), `${line}\n`),
    postgresSettings: ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all', ...args['pg-setting']],
  });
  let requests = 0;
  try {
    const payloads = generatePayloads(50_000);
    const serialize = assessSerializer();
    const frames = payloads.grpc.map((payload) => grpcFrame(serialize(payload)));
    const client =
      args.via === 'http'
        ? await httpAssessments(stack, payloads.http, 16)
        : (() => {
            const risk = riskChannels(stack.riskAddress, 8);
            return { send: (index: number) => risk.send(frames[index % frames.length]!), close: async () => risk.close() };
          })();
    const call = (): Promise<void> => client.send(requests++);
    if (Number(args['preload-s']) > 0) {
      const preload = await closedLoop(call, { concurrency: 256, durationMs: Number(args['preload-s']) * 1000, warmupMs: 0 });
      log(`preloaded at ${Math.round(preload.throughput)}/s (${requests} requests)`);
    }
    let before = new Map<string, number>();
    let machineBefore = 0;
    setTimeout(() => {
      before = cpuByProcess();
      machineBefore = machineCpu();
    }, 3000);
    const durationMs = Number(args['duration-s']) * 1000;
    const result = args.rate
      ? await openLoop(call, { rate: Number(args.rate), durationMs, warmupMs: 3000 }).then((open) => ({ ...open, throughput: open.achieved }))
      : await closedLoop(call, { concurrency: Number(args.concurrency), durationMs, warmupMs: 3000 });
    const after = cpuByProcess();
    const machine = machineCpu() - machineBefore;
    await client.close();
    const measured = Math.round(result.throughput * Number(args['duration-s']));
    for (const [name, cpu] of [...after.entries()].sort((a, b) => b[1] - a[1])) {
      const used = cpu - (before.get(name) ?? 0);
      if (used > 0.05) log(`  ${name.padEnd(16)} ${used.toFixed(1)} CPU-s, ${((used / measured) * 1e6).toFixed(0)} µs per request`);
    }
    log(`  whole machine    ${machine.toFixed(1)} CPU-s, ${((machine / measured) * 1e6).toFixed(0)} µs per request (includes processes that exited)`);
    await printStatements(stack.databaseUrl);
    log(
      `${args.rate ? `open loop ${args.rate}/s` : `closed loop ${args.concurrency} in flight`}: ${Math.round(result.throughput)}/s, p50 ${result.latency.p50.toFixed(1)} ms, p99 ${result.latency.p99.toFixed(1)} ms, max ${result.latency.max.toFixed(1)} ms, errors ${result.errors}${result.firstError ? ` (${result.firstError})` : ''}`,
    );
  } finally {
    await stack.stop();
    if (socketDir) rmSync(socketDir, { recursive: true, force: true });
  }
  if (!args.profile) return;
  const file = readdirSync(out)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort()
    .at(-1);
  if (!file) throw new Error(`no profile written to ${out}`);
  log(`profile: ${join(out, file)} (${requests} requests sent)`);
  summarise(JSON.parse(readFileSync(join(out, file), 'utf8')) as Profile, Number(args.top));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
