import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createLogger, PinoNestLogger, type Logger } from '#libs/observability';
import type { SandboxConfig } from './config/sandbox.config.js';
import { findFixturesDir } from './fixtures/find-fixtures-dir.js';
import { loadSandboxFixtures, type SandboxFixtures } from './fixtures/load-sandbox-fixtures.js';
import { SandboxMetrics } from './metrics/sandbox-metrics.js';
import { SandboxModule } from './sandbox.module.js';
import { Chance, MathRandomChance } from './runtime/chance.js';
import { Clock, SystemClock } from './runtime/clock.js';
import { BODY_LIMIT_BYTES } from './tencent/body-limit.js';
import { TencentExceptionFilter } from './tencent/tencent-exception.filter.js';

/** Seams for tests; production-like runs take the defaults. */
export interface SandboxOverrides {
  logger?: Logger;
  fixtures?: SandboxFixtures;
  clock?: Clock;
  chance?: Chance;
  metrics?: SandboxMetrics;
}

export interface RunningSandbox {
  /** Base URL, e.g. `http://127.0.0.1:8090`. */
  url: string;
  app: NestFastifyApplication;
  close(): Promise<void>;
}

function hostInUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** Builds and starts the sandbox; `main.ts` and in-process tests both use it. */
export async function startSandbox(config: SandboxConfig, overrides: SandboxOverrides = {}): Promise<RunningSandbox> {
  const logger = overrides.logger ?? createLogger({ app: 'sandbox-verifiers', level: config.LOG_LEVEL });
  const fixtures = overrides.fixtures ?? loadSandboxFixtures(config.SANDBOX_FIXTURES_DIR ?? findFixturesDir());
  const metrics = overrides.metrics ?? new SandboxMetrics();
  const https = config.tlsConfigured ? { cert: readFileSync(config.SANDBOX_TLS_CERT!), key: readFileSync(config.SANDBOX_TLS_KEY!) } : null;
  // Tencent-style RequestIds: a UUID per request, never taken from the caller.
  const adapterOptions = { bodyLimit: BODY_LIMIT_BYTES, genReqId: () => randomUUID(), ...(https ? { https } : {}) };
  // The adapter's options are a union keyed on `https`; built conditionally, they need the cast.
  const adapter = new FastifyAdapter(adapterOptions as ConstructorParameters<typeof FastifyAdapter>[0]);

  const app = await NestFactory.create<NestFastifyApplication>(
    SandboxModule.register({
      config,
      fixtures,
      logger,
      metrics,
      clock: overrides.clock ?? new SystemClock(),
      chance: overrides.chance ?? new MathRandomChance(),
    }),
    adapter,
    { logger: new PinoNestLogger(logger), abortOnError: false },
  );
  app.useGlobalFilters(new TencentExceptionFilter(logger));
  adapter.getInstance().addHook('onResponse', (request, reply, done) => {
    metrics.http.observe(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  await app.listen(config.SANDBOX_PORT, config.SANDBOX_HOST);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `${https ? 'https' : 'http'}://${hostInUrl(config.SANDBOX_HOST)}:${port}`;
  logger.info({ url, people: fixtures.people.length, tls: Boolean(https) }, 'sandbox-verifiers listening');
  return { url, app, close: () => app.close() };
}
