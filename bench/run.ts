import { parseArgs } from 'node:util';
import pg from 'pg';
import { runDecisionQueryBench } from './decision-queries.js';
import { startBaseline, startBenchStack } from './support/bench-stack.js';
import { assessSerializer, grpcFrame, riskChannels } from './support/grpc-channels.js';
import { closedLoop, openLoop, type Call, type ClosedLoopResult, type OpenLoopResult } from './support/load.js';
import { httpAssessments } from './support/http-assess.js';
import { generatePayloads } from './support/payloads.js';
import { round } from './support/stats.js';

/**
 * `npm run bench`: in one run on this machine,
 * 1. a bare grpc-js server with the same proto shapes (the baseline),
 * 2. risk `Assess` over gRPC (default ruleset, decision committed before the answer),
 * 3. `Assess` through the gateway over HTTP,
 * each at closed-loop maximum throughput and at fixed open-loop rates; then
 * 4. the analyst queries over 10 million stored decisions (`--skip-queries` to leave out).
 */
const { values: args } = parseArgs({
  options: {
    'duration-s': { type: 'string', default: '10' },
    'warmup-s': { type: 'string', default: '3' },
    connections: { type: 'string', default: '8' },
    rates: { type: 'string', default: '250,500,1000,2000,3000' },
    'skip-queries': { type: 'boolean', default: false },
    'only-queries': { type: 'boolean', default: false },
    rows: { type: 'string', default: '10000000' },
  },
});
const durationMs = Number(args['duration-s']) * 1000;
const warmupMs = Number(args['warmup-s']) * 1000;
const connections = Number(args.connections);
const rates = args.rates.split(',').map(Number);
const CONCURRENCY = [16, 64, 256];

const log = (line: string): void => void process.stdout.write(`${line}\n`);
const ms = (value: number): string => `${round(value, 1)} ms`;

async function best(name: string, call: Call): Promise<ClosedLoopResult & { concurrency: number }> {
  let top: (ClosedLoopResult & { concurrency: number }) | undefined;
  for (const concurrency of CONCURRENCY) {
    const result = await closedLoop(call, { concurrency, durationMs, warmupMs });
    log(
      `  ${name.padEnd(22)} closed loop, ${String(concurrency).padStart(3)} in flight: ${String(Math.round(result.throughput)).padStart(6)}/s  p50 ${ms(result.latency.p50)}  p99 ${ms(result.latency.p99)}${result.errors ? `  errors ${result.errors} (${result.firstError})` : ''}`,
    );
    if (!top || result.throughput > top.throughput) top = { ...result, concurrency };
  }
  return top!;
}

async function atRates(name: string, call: Call): Promise<OpenLoopResult[]> {
  const results: OpenLoopResult[] = [];
  for (const rate of rates) {
    const result = await openLoop(call, { rate, durationMs, warmupMs: Math.min(warmupMs, 2000) });
    log(
      `  ${name.padEnd(22)} open loop ${String(rate).padStart(5)}/s: achieved ${String(Math.round(result.achieved)).padStart(5)}/s  p50 ${ms(result.latency.p50)}  p99 ${ms(result.latency.p99)}  max ${ms(result.latency.max)}${result.errors || result.shed ? `  errors ${result.errors} shed ${result.shed}${result.firstError ? ` (${result.firstError})` : ''}` : ''}`,
    );
    results.push(result);
  }
  return results;
}

async function main(): Promise<void> {
  log(
    `Benchmark on ${(await import('node:os')).cpus().length} CPUs, node ${process.version}; ${connections} connections per client, ${durationMs / 1000} s per point`,
  );
  const stack = await startBenchStack(log);
  const baseline = await startBaseline();
  try {
    if (!args['only-queries']) await assessBenchmarks(stack, baseline.address);
    await baseline.stop();
    await stack.stopServices();
    if (!args['skip-queries']) await runDecisionQueryBench({ serverUrl: stack.serverUrl, rows: Number(args.rows), log });
  } finally {
    await baseline.stop();
    await stack.stop();
  }
}

async function assessBenchmarks(stack: Awaited<ReturnType<typeof startBenchStack>>, baselineAddress: string): Promise<void> {
  const payloads = generatePayloads(200_000);
  const serialize = assessSerializer();
  const frames = payloads.grpc.map((payload) => grpcFrame(serialize(payload)));
  const database = new pg.Client({ connectionString: stack.databaseUrl });
  await database.connect();
  const settings = await database.query<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')`,
  );
  log(`Durability: ${settings.rows.map((row) => `${row.name}=${row.setting}`).join(', ')}`);

  log('\n1. Bare grpc-js baseline (same proto, trivial handler)');
  const bare = riskChannels(baselineAddress, connections);
  const baselineBest = await best('baseline', (index) => bare.send(frames[index % frames.length]!));
  await atRates('baseline', (index) => bare.send(frames[index % frames.length]!));
  bare.close();

  log('\n2. Assess over gRPC (default ruleset, decision committed before the answer)');
  const risk = riskChannels(stack.riskAddress, connections);
  let sent = 0;
  const grpcCall: Call = () => risk.send(frames[sent++ % frames.length]!);
  const grpcBest = await best('assess gRPC', grpcCall);
  const grpcRates = await atRates('assess gRPC', grpcCall);
  risk.close();

  log('\n3. Assess through the gateway (HTTP/1.1 keep-alive, JWT, validation, gRPC to risk)');
  const http = await httpAssessments(stack, payloads.http, connections * 2);
  const httpCall: Call = () => http.send(sent++);
  const httpBest = await best('assess HTTP', httpCall);
  const httpRates = await atRates('assess HTTP', httpCall);
  await http.close();

  const stored = await database.query<{ count: string }>('SELECT count(*) FROM risk.decisions');
  await database.end();
  const at2000 = (results: OpenLoopResult[]): OpenLoopResult | undefined => results.find((result) => result.rate === 2000);
  log('\nSummary');
  log(`  baseline max          ${Math.round(baselineBest.throughput)}/s`);
  log(
    `  assess gRPC max       ${Math.round(grpcBest.throughput)}/s  = ${round(grpcBest.throughput / baselineBest.throughput, 3)} x baseline (target >= 3000/s and >= 0.5 x)`,
  );
  log(`  assess HTTP max       ${Math.round(httpBest.throughput)}/s  = ${round(httpBest.throughput / baselineBest.throughput, 3)} x baseline`);
  const g = at2000(grpcRates);
  const h = at2000(httpRates);
  if (g) log(`  assess gRPC @2000/s   p50 ${ms(g.latency.p50)}  p99 ${ms(g.latency.p99)} (target p99 <= 35 ms)`);
  if (h) log(`  assess HTTP @2000/s   p50 ${ms(h.latency.p50)}  p99 ${ms(h.latency.p99)}`);
  log(`  decisions stored      ${stored.rows[0]!.count}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
