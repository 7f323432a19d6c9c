import { loadDevSecrets } from '#libs/config';
import { createTestDatabase, dumpDatabaseText, findNeedles, readLogs, startTestPostgres } from '#libs/testing';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { distEntry } from '../../scripts/stack/app-specs.js';
import { freePorts } from '../../scripts/stack/ports.js';
import { startStack } from '../../scripts/stack/stack.js';
import { E2E_EXTRA_ENV } from './e2e-env.js';
import { fixtureNeedles } from './fixture-needles.js';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    sandboxUrl: string;
    e2eDatabaseUrl: string;
    jwtSecret: string;
    /** For specs that look for a subject's blind indexes in the database. */
    blindIndexKey: string;
    logDir: string;
    grpcPorts: { identity: number; merchant: number; risk: number; privacy: number };
  }
}

/**
 * Boots the real stack for e2e specs: the six apps as separate processes,
 * from the build, on free ports, against a fresh test database. Specs talk
 * HTTP to the gateway (and gRPC directly where a test needs it).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(distEntry('gateway', 'main'))) throw new Error('e2e tests run the build: run `npm run build` first (npm test does)');
  const server = await startTestPostgres(process.env['DATABASE_URL']);
  const database = await createTestDatabase(server.serverUrl, 'kyc_e2e_test');
  const dataDir = mkdtempSync(join(tmpdir(), 'kyc-e2e-'));
  const [gateway, sandbox, identity, merchant, risk, privacy] = await freePorts(6);
  const ports = { gateway: gateway!, sandbox: sandbox!, identity: identity!, merchant: merchant!, risk: risk!, privacy: privacy!, metricsBase: 0 };
  const logDir = join(dataDir, 'logs');
  const stack = await startStack({
    databaseUrl: database.url,
    dataDir,
    ports,
    nodeEnv: 'test',
    logLevel: 'info',
    logDir,
    echo: false,
    extraEnv: E2E_EXTRA_ENV,
  }).catch(async (error: unknown) => {
    await database.drop();
    await server.stop();
    throw error;
  });
  project.provide('gatewayUrl', stack.gatewayUrl);
  project.provide('sandboxUrl', stack.sandboxUrl);
  project.provide('e2eDatabaseUrl', database.url);
  const secrets = loadDevSecrets(dataDir);
  project.provide('jwtSecret', secrets.jwtSecret);
  project.provide('blindIndexKey', secrets.blindIndexKey);
  project.provide('logDir', logDir);
  project.provide('grpcPorts', { identity: ports.identity, merchant: ports.merchant, risk: ports.risk, privacy: ports.privacy });
  return async () => {
    await stack.stop();
    // The last word of every e2e run: after everything the specs did, no
    // synthetic personal data may sit in clear in the database or the logs.
    const texts = new Map([...(await dumpDatabaseText(database.url)), ...readLogs(logDir)]);
    const findings = findNeedles(texts, fixtureNeedles());
    await database.drop();
    await server.stop();
    if (!process.env['KEEP_E2E_LOGS']) rmSync(dataDir, { recursive: true, force: true });
    if (findings.length > 0) {
      // Vitest reports an error thrown here but still exits 0: the exit code is what fails CI.
      process.stderr.write(`\n✖ Plaintext personal data after the e2e run: ${findings.map((finding) => `${finding.needle} in ${finding.where}`).join('; ')}\n`);
      process.exitCode = 1;
    }
  };
}
