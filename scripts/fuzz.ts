/**
 * `npm run fuzz -- --runs N [--seed S]`: a long fuzz campaign on a stack of
 * its own. Every HTTP route of the OpenAPI document and every gRPC method
 * gets N generated cases; prints the cases per route and any violation, and
 * exits non-zero if there is one.
 */
import { IDENTITY_SERVICE, MERCHANT_SERVICE, PRIVACY_SERVICE, RISK_SERVICE, SUBJECT_DATA_SERVICE } from '#libs/grpc';
import { parseArgs } from 'node:util';
import { runCampaign } from '../test/fuzz/fuzz-campaign.js';
import { fuzzGrpcService } from '../test/fuzz/grpc-fuzz.js';
import { startFaultStack } from '../test/faults/support/fault-stack.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' }, seed: { type: 'string' } } });
const runs = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 1_000_000 : Number(values.seed);
const say = (line: string): void => void process.stdout.write(`${line}\n`);

const fault = await startFaultStack({ 'sandbox-verifiers': { SANDBOX_RATE_LIMIT_PER_MINUTE: '0' } });
let failed = false;
try {
  say(`Fuzzing with ${runs} cases per operation, seed ${seed}`);
  const http = await runCampaign({
    gatewayUrl: fault.stack.gatewayUrl,
    token: (roles) => fault.token(roles, { merchantId: `m-fuzz-${Math.random().toString(36).slice(2, 8)}` }),
    runsPerOperation: runs,
    seed,
  });
  say('\n| HTTP operation | cases | statuses | violations |\n|---|---|---|---|');
  for (const report of http)
    say(
      `| ${report.operation} | ${report.cases} | ${Object.entries(report.statuses)
        .map(([status, count]) => `${status}×${count}`)
        .join(' ')} | ${report.failures.length} |`,
    );
  const ports = fault.stack.ports;
  const targets = [
    { address: `127.0.0.1:${ports.identity}`, service: IDENTITY_SERVICE },
    { address: `127.0.0.1:${ports.merchant}`, service: MERCHANT_SERVICE },
    { address: `127.0.0.1:${ports.risk}`, service: RISK_SERVICE },
    { address: `127.0.0.1:${ports.privacy}`, service: PRIVACY_SERVICE },
    { address: `127.0.0.1:${ports.identity}`, service: SUBJECT_DATA_SERVICE },
    { address: `127.0.0.1:${ports.merchant}`, service: SUBJECT_DATA_SERVICE },
    { address: `127.0.0.1:${ports.risk}`, service: SUBJECT_DATA_SERVICE },
  ];
  const grpc = (await Promise.all(targets.map((target) => fuzzGrpcService(target, runs, seed, { spareSharedState: false })))).flat();
  say('\n| gRPC method | cases | status codes | violations |\n|---|---|---|---|');
  for (const report of grpc)
    say(
      `| ${report.method} | ${report.cases} | ${Object.entries(report.codes)
        .map(([code, count]) => `${code}×${count}`)
        .join(' ')} | ${report.failures.length} |`,
    );
  const violations = [
    ...http.flatMap((report) => report.failures.map((failure) => `${report.operation}: ${failure.reason} — ${failure.request}`)),
    ...grpc.flatMap((report) => report.failures.map((failure) => `${report.method}: ${failure}`)),
  ];
  const ready = await fetch(`${fault.stack.gatewayUrl}/readyz`);
  say(
    `\n${http.reduce((sum, report) => sum + report.cases, 0)} HTTP cases over ${http.length} operations, ${grpc.reduce((sum, report) => sum + report.cases, 0)} gRPC cases over ${grpc.length} methods; stack ready afterwards: ${ready.status === 200}`,
  );
  if (violations.length || ready.status !== 200) {
    failed = true;
    say(`\nViolations:\n${violations.join('\n')}`);
  } else say('No violations.');
} finally {
  await fault.close();
}
process.exit(failed ? 1 : 0);
