import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RiskServiceClient } from '#contracts/risk';
import { createDataSource, runMigrations } from '#libs/db';
import { createGrpcClient, RISK_SERVICE, startGrpcService, SUBJECT_DATA_SERVICE, type PromiseClient, type RunningGrpcService } from '#libs/grpc';
import { createHttpMetrics, createLogger, createMetricsRegistry } from '#libs/observability';
import { createTestDatabase, signDevToken, type TestDatabase } from '#libs/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../../../../scripts/stack/ports.js';
import { testDataSourceSettings } from '../../../../../test/setup/schemas.js';
import { loadRiskConfig } from '../../../../risk/src/config/risk.config.js';
import { riskDataSource } from '../../../../risk/src/infrastructure/persistence/risk.data-source.js';
import { RiskModule } from '../../../../risk/src/risk.module.js';
import { loadGatewayConfig } from '../../config/gateway.config.js';
import { installRequestHooks } from '../../edge/observability/request-hooks.js';
import { ProblemFilter } from '../../edge/problem/problem.filter.js';
import { gatewayValidationPipe } from '../../edge/validation/validation.pipe.js';
import { GatewayModule } from '../../gateway.module.js';
import { gatewayDataSource } from '../../infrastructure/persistence/gateway.data-source.js';

type Json = Record<string, unknown>;

/**
 * The analysts' review-queue routes on the real gateway module (auth, roles,
 * validation, idempotency, problem+json) in front of the real risk app, each
 * in process, on a private database.
 */
describe('GET/POST /v1/analyst/decision-reviews', () => {
  let database: TestDatabase;
  let riskService: RunningGrpcService;
  let gateway: NestFastifyApplication;
  let risk: PromiseClient<RiskServiceClient>;
  let closeRisk: () => void;
  let baseUrl: string;
  const secret = randomBytes(32).toString('hex');
  const logger = createLogger({ app: 'gateway-test', level: 'silent' });

  beforeAll(async () => {
    database = await createTestDatabase(inject('serverUrl'), 'kyc_gateway_reviews_test');
    for (const schema of [riskDataSource, gatewayDataSource]) {
      const settings = testDataSourceSettings(database.url, schema);
      await runMigrations(createDataSource(settings), settings.schema);
    }
    const riskConfig = loadRiskConfig({
      DATABASE_URL: database.url,
      GRPC_PORT: String(await freePort()),
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      RISK_AUDIT_RELAY: 'false',
    });
    riskService = await startGrpcService({
      module: RiskModule.register(riskConfig),
      descriptor: RISK_SERVICE,
      extraServices: [SUBJECT_DATA_SERVICE],
      config: riskConfig,
      logger,
      metrics: createMetricsRegistry('risk-test'),
    });
    const client = createGrpcClient<RiskServiceClient>(RISK_SERVICE, { address: riskConfig.grpcUrl, defaultTimeoutMs: 10_000 });
    risk = client.client;
    closeRisk = client.close;

    const config = loadGatewayConfig({
      DATABASE_URL: database.url,
      GATEWAY_PORT: String(await freePort()),
      RISK_GRPC_URL: riskConfig.grpcUrl,
      AUTH_JWT_SECRET: secret,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
    });
    const metrics = createMetricsRegistry('gateway-test');
    // As main.ts assembles it.
    gateway = await NestFactory.create<NestFastifyApplication>(GatewayModule.register(config, logger, metrics), new FastifyAdapter(), { logger: false });
    installRequestHooks(gateway.getHttpAdapter().getInstance(), logger, createHttpMetrics(metrics));
    gateway.useGlobalFilters(new ProblemFilter(logger));
    gateway.useGlobalPipes(gatewayValidationPipe());
    await gateway.listen({ port: config.GATEWAY_PORT, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${config.GATEWAY_PORT}`;
  });
  afterAll(async () => {
    await gateway?.close();
    closeRisk?.();
    await riskService?.close();
    await database?.drop();
  });

  const token = (roles: string[], sub = `staff-${randomUUID().slice(0, 8)}`) => signDevToken({ sub, roles }, { secret });
  async function call(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
  }
  /** A subject's decision with a review requested, as the privacy service asks for it. */
  async function requestedReview(): Promise<{ reviewId: string; decisionId: string }> {
    const subjectId = `user-${randomUUID()}`;
    const assessed = await risk.assess({
      caller: { subjectId: 'gateway', roles: ['service'] },
      eventType: 'LOGIN',
      subjectId,
      device: { platform: 'android', appInstanceId: randomUUID(), emulator: true, riskyApps: [], extra: {} },
      ip: '120.24.78.68',
    });
    const { review } = await risk.explainDecision({ decisionId: assessed.decisionId, subjectId, requestHumanReview: true, requestId: randomUUID() });
    return { reviewId: review!.id, decisionId: assessed.decisionId };
  }

  it('lists the queue for risk analysts only, in snake_case with a cursor, and validates the query', async () => {
    const first = await requestedReview();
    const second = await requestedReview();
    const analyst = await token(['risk_analyst']);
    const page = await call('GET', '/v1/analyst/decision-reviews?status=OPEN&limit=1', { token: analyst });
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      items: [
        {
          id: first.reviewId,
          decision_id: first.decisionId,
          status: 'OPEN',
          requested_at: expect.any(String),
          resolved_at: null,
          resolved_by: null,
          outcome: null,
          note: null,
        },
      ],
      next_cursor: expect.any(String),
    });
    const rest = await call('GET', `/v1/analyst/decision-reviews?status=OPEN&cursor=${page.body['next_cursor'] as string}`, { token: analyst });
    expect(rest.body).toMatchObject({ items: [{ id: second.reviewId }], next_cursor: null });

    expect((await call('GET', '/v1/analyst/decision-reviews')).status).toBe(401);
    for (const roles of [['user'], ['reviewer'], ['privacy_officer'], ['merchant']])
      expect((await call('GET', '/v1/analyst/decision-reviews', { token: await token(roles) })).status, roles[0]).toBe(403);
    for (const query of ['status=PENDING', 'limit=0', 'limit=501', 'sort=asc'])
      expect(await call('GET', `/v1/analyst/decision-reviews?${query}`, { token: analyst }), query).toMatchObject({
        status: 400,
        body: { code: 'VALIDATION_FAILED' },
      });
    expect(await call('GET', '/v1/analyst/decision-reviews?cursor=bogus', { token: analyst })).toMatchObject({ status: 400, body: { code: 'INVALID_CURSOR' } });
  });

  it('resolves a review once, idempotently per Idempotency-Key, and answers refusals as problem+json', async () => {
    const { reviewId } = await requestedReview();
    const sub = `analyst-${randomUUID().slice(0, 8)}`;
    const analyst = await token(['risk_analyst'], sub);
    const path = `/v1/analyst/decision-reviews/${reviewId}/resolve`;
    const body = { outcome: 'OVERTURNED', note: 'Test phone of a known customer' };
    const key = randomUUID();
    const resolved = await call('POST', path, { token: analyst, body, headers: { 'idempotency-key': key } });
    expect(resolved).toMatchObject({
      status: 200,
      body: { id: reviewId, status: 'RESOLVED', outcome: 'OVERTURNED', resolved_by: sub, resolved_at: expect.any(String), note: body.note },
    });
    const replayed = await call('POST', path, { token: analyst, body, headers: { 'idempotency-key': key } });
    expect(replayed.status).toBe(200);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body).toEqual(resolved.body);

    expect(await call('POST', path, { token: analyst, body })).toMatchObject({ status: 409, body: { code: 'REVIEW_ALREADY_RESOLVED' } });
    expect(await call('POST', `/v1/analyst/decision-reviews/${randomUUID()}/resolve`, { token: analyst, body })).toMatchObject({
      status: 404,
      body: { code: 'REVIEW_NOT_FOUND' },
    });
    for (const bad of [{ outcome: 'REVERSED', note: 'x' }, { outcome: 'UPHELD' }, { outcome: 'UPHELD', note: '' }, { ...body, extra: 1 }])
      expect(await call('POST', path, { token: analyst, body: bad }), JSON.stringify(bad)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await call('POST', '/v1/analyst/decision-reviews/not-a-uuid/resolve', { token: analyst, body })).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED' },
    });
    expect((await call('POST', path, { token: await token(['user']), body })).status).toBe(403);
  });
});
