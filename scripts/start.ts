/**
 * `npm start`: PostgreSQL (embedded unless DATABASE_URL is set), every
 * migration, then all six apps as separate processes. Ctrl-C or SIGTERM
 * stops everything, PostgreSQL last.
 */
import { redactDatabaseUrl } from '#libs/db';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_PORTS, distEntry } from './stack/app-specs.js';
import { startStackDatabase } from './stack/database.js';
import { startStack, type RunningStack } from './stack/stack.js';

const env = process.env;
const say = (message: string): void => void process.stdout.write(`${message}\n`);
const dataDir = resolve(env['KYC_DATA_DIR'] ?? '.data');

if (!existsSync(distEntry('gateway', 'main'))) {
  say('The apps are not built: run `npm run build` (npm start does it for you).');
  process.exit(1);
}

const port = (key: string, fallback: number): number => Number(env[key] ?? fallback);
const ports = {
  gateway: port('GATEWAY_PORT', DEFAULT_PORTS.gateway),
  sandbox: port('SANDBOX_PORT', DEFAULT_PORTS.sandbox),
  identity: port('IDENTITY_GRPC_PORT', DEFAULT_PORTS.identity),
  merchant: port('MERCHANT_GRPC_PORT', DEFAULT_PORTS.merchant),
  risk: port('RISK_GRPC_PORT', DEFAULT_PORTS.risk),
  privacy: port('PRIVACY_GRPC_PORT', DEFAULT_PORTS.privacy),
  metricsBase: port('METRICS_PORT_BASE', DEFAULT_PORTS.metricsBase),
};

let stack: RunningStack | undefined;
let shuttingDown = false;
const database = await startStackDatabase({ databaseUrl: env['DATABASE_URL'], dataDir, port: port('EMBEDDED_PG_PORT', 54329), log: say }).catch(
  (error: unknown) => {
    say(`Could not start PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
say(
  database.embedded
    ? `Embedded PostgreSQL: ${redactDatabaseUrl(database.url)} (data in ${join(dataDir, 'pg')})`
    : `PostgreSQL: ${redactDatabaseUrl(database.url)}`,
);

async function shutdown(reason: string, code: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    say(`\nStopping (${reason})…`);
    await stack?.stop();
    await database.stop();
    say('Stopped.');
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown('SIGINT', 0));
process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
process.on('SIGHUP', () => void shutdown('SIGHUP', 0));
// `npm start` runs this under `sh -c`: a SIGTERM sent to npm ends npm and the shell but not this
// process, which would keep the whole stack running, re-parented. Losing the parent stops it too.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void shutdown('npm exited', 0);
}, 500).unref();

try {
  stack = await startStack({
    databaseUrl: database.url,
    dataDir,
    ports,
    nodeEnv: env['NODE_ENV'] ?? 'development',
    logLevel: env['LOG_LEVEL'] ?? 'info',
    logDir: join(dataDir, 'logs'),
    echo: true,
  });
} catch (error) {
  say(`Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown('start-up failed', 1);
}

say('');
say(`  Gateway:  ${stack!.gatewayUrl}`);
say(`  API docs: ${stack!.gatewayUrl}/docs`);
say(`  Sandbox:  ${stack!.sandboxUrl}`);
say(`  Token:    npm run token -- --sub user-1 --roles user`);
say(`  Logs:     ${join(dataDir, 'logs')}`);
say('');
const crashed = await stack!.firstExit;
await shutdown(`${crashed} exited unexpectedly`, 1);
