/**
 * `npm run soak -- --minutes N [--accounts A]`: measures the stack's capacity for a mixed
 * workload, then holds half of it for N minutes on a stack of its own, and
 * reports the error rate, p99 per minute, and each process's memory (RSS)
 * after warm-up and at the end. Fails on any error or on memory growth of
 * 10% or more after warm-up.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { assess, gateway, kycIdentity } from '../test/faults/support/flows.js';
import { startFaultStack } from '../test/faults/support/fault-stack.js';

const { values: options } = parseArgs({
  options: { minutes: { type: 'string', default: '10' }, 'warmup-seconds': { type: 'string', default: '60' }, accounts: { type: 'string', default: '2000' } },
});
const minutes = Number(options.minutes);
const warmupMs = Number(options['warmup-seconds']) * 1000;
const say = (line: string): void => void process.stdout.write(`${line}\n`);

function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
}

const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

const fault = await startFaultStack({ 'sandbox-verifiers': { SANDBOX_RATE_LIMIT_PER_MINUTE: '0', SANDBOX_LATENCY_MS: '30' } });
const call = gateway(fault.stack.gatewayUrl);
const user = await fault.token(['user'], { sub: 'soak-user' });
// The payment backend assesses on behalf of its users: a merchant token, 2,000 accounts by default
// (`--accounts 1` puts every assessment on one subject, the worst case for per-subject history).
const backend = await fault.token(['merchant'], { merchantId: 'm-soak' });
const accounts = Number(options.accounts);
const account = (sequence: number): string => `soak-account-${sequence % accounts}`;
const analyst = await fault.token(['risk_analyst']);

/** The mix: mostly assessments, some KYC checks, consents and analyst reads. */
const operations: Array<{ weight: number; run: (sequence: number) => Promise<number> }> = [
  { weight: 80, run: async (sequence) => (await assess(call, backend, account(sequence))).status },
  { weight: 5, run: async (sequence) => (await kycIdentity(call, () => fault.token(['user']), sequence)).status },
  { weight: 10, run: async () => (await call('GET', '/v1/me/consents', user)).status },
  { weight: 5, run: async (sequence) => (await call('GET', `/v1/analyst/decisions?subject_id=${account(sequence)}&limit=20`, analyst)).status },
];
const total = operations.reduce((sum, operation) => sum + operation.weight, 0);
const pick = (sequence: number) => {
  let point = (sequence * 7919) % total;
  return operations.find((operation) => (point -= operation.weight) < 0)!;
};

let failed = false;
try {
  // Capacity: closed loop, 16 clients, 20 s.
  let completed = 0;
  const capacityEnds = Date.now() + 20_000;
  await Promise.all(
    Array.from({ length: 16 }, async (_, client) => {
      for (let sequence = client; Date.now() < capacityEnds; sequence += 16) {
        await pick(sequence).run(sequence);
        completed++;
      }
    }),
  );
  const capacity = completed / 20;
  const rate = capacity / 2;
  say(`Measured capacity: ${capacity.toFixed(0)} mixed requests/s; soaking at ${rate.toFixed(0)}/s for ${minutes} min (warm-up ${warmupMs / 1000} s)`);

  const latencies = new Map<number, number[]>();
  const errors: string[] = [];
  let sent = 0;
  let baseline: Record<string, number> = {};
  const started = Date.now();
  const ends = started + warmupMs + minutes * 60_000;
  const inFlight = new Set<Promise<void>>();
  let warmedUp = false;
  for (let sequence = 0; Date.now() < ends; sequence++) {
    if (!warmedUp && Date.now() - started >= warmupMs) {
      warmedUp = true;
      baseline = Object.fromEntries(Object.entries(fault.stack.pids()).map(([app, pid]) => [app, rssMb(pid)]));
    }
    const begin = Date.now();
    const record = async (): Promise<void> => {
      const status = await pick(sequence).run(sequence);
      const minute = Math.floor((begin - started) / 60_000);
      const bucket = latencies.get(minute) ?? [];
      bucket.push(Date.now() - begin);
      latencies.set(minute, bucket);
      if (status >= 400 || status <= 0) errors.push(`t+${((begin - started) / 1000).toFixed(0)}s status ${status}`);
    };
    const request = record();
    sent++;
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
    const next = started + (sequence + 1) * (1000 / rate);
    if (next > Date.now()) await sleep(next - Date.now());
  }
  await Promise.all(inFlight);
  const end = Object.fromEntries(Object.entries(fault.stack.pids()).map(([app, pid]) => [app, rssMb(pid)]));

  say('\n| minute | requests | p50 ms | p99 ms |\n|---|---|---|---|');
  for (const [minute, values] of [...latencies.entries()].sort(([a], [b]) => a - b))
    say(`| ${minute} | ${values.length} | ${percentile(values, 50)} | ${percentile(values, 99)} |`);
  say('\n| process | RSS after warm-up (MB) | RSS at end (MB) | growth |\n|---|---|---|---|');
  let worstGrowth = 0;
  for (const app of Object.keys(end)) {
    const growth = baseline[app] ? (end[app]! - baseline[app]!) / baseline[app]! : 0;
    worstGrowth = Math.max(worstGrowth, growth);
    say(`| ${app} | ${baseline[app]?.toFixed(1)} | ${end[app]?.toFixed(1)} | ${(growth * 100).toFixed(1)}% |`);
  }
  const errorRate = errors.length / sent;
  say(`\n${sent} requests, ${errors.length} errors (${(errorRate * 100).toFixed(3)}%), worst memory growth ${(worstGrowth * 100).toFixed(1)}%`);
  if (errors.length) say(`First errors: ${errors.slice(0, 10).join(', ')}`);
  failed = errors.length > 0 || worstGrowth >= 0.1;
  say(failed ? 'SOAK FAILED' : 'Soak passed: no errors, memory growth under 10% after warm-up.');
} finally {
  await fault.close();
}
process.exit(failed ? 1 : 0);
