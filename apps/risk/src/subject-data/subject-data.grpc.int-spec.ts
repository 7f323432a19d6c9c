import type { RiskServiceClient } from '#contracts/risk';
import type { SubjectDataServiceClient } from '#contracts/subject_data';
import { createDataSource, runMigrations } from '#libs/db';
import { createGrpcClient, fromGrpcError, RISK_SERVICE, startGrpcService, SUBJECT_DATA_SERVICE, type PromiseClient, type RunningGrpcService } from '#libs/grpc';
import { createLogger, createMetricsRegistry } from '#libs/observability';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../../../scripts/stack/ports.js';
import { testDataSourceSettings } from '../../../../test/setup/schemas.js';
import { RiskDecisionExplainer } from '../../../privacy/src/infrastructure/grpc/risk-decision-explainer.js';
import { loadRiskConfig } from '../config/risk.config.js';
import { riskDataSource } from '../infrastructure/persistence/risk.data-source.js';
import { RiskModule } from '../risk.module.js';

const SERVICE = { subjectId: 'gateway', roles: ['service'] };
const ANALYST = { subjectId: 'analyst-grpc', roles: ['risk_analyst'] };

/**
 * The risk app as main.ts boots it (module, validation, error filter),
 * serving SubjectDataService beside RiskService. A private database: the
 * app's background jobs (partition upkeep) must see only this spec's rows.
 */
describe('SubjectDataService and human review over gRPC (the risk app)', () => {
  let database: TestDatabase;
  let service: RunningGrpcService;
  let subjects: PromiseClient<SubjectDataServiceClient>;
  let risk: PromiseClient<RiskServiceClient>;
  let address: string;
  const closers: Array<() => void> = [];

  beforeAll(async () => {
    database = await createTestDatabase(inject('serverUrl'), 'kyc_risk_grpc_test');
    const settings = testDataSourceSettings(database.url, riskDataSource);
    await runMigrations(createDataSource(settings), settings.schema);
    const config = loadRiskConfig({
      DATABASE_URL: database.url,
      GRPC_PORT: String(await freePort()),
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      RISK_AUDIT_RELAY: 'false',
    });
    service = await startGrpcService({
      module: RiskModule.register(config),
      descriptor: RISK_SERVICE,
      extraServices: [SUBJECT_DATA_SERVICE],
      config,
      logger: createLogger({ app: 'risk-test', level: 'silent' }),
      metrics: createMetricsRegistry('risk-test'),
    });
    const subjectClient = createGrpcClient<SubjectDataServiceClient>(SUBJECT_DATA_SERVICE, { address: config.grpcUrl, defaultTimeoutMs: 10_000 });
    const riskClient = createGrpcClient<RiskServiceClient>(RISK_SERVICE, { address: config.grpcUrl, defaultTimeoutMs: 10_000 });
    closers.push(subjectClient.close, riskClient.close);
    address = config.grpcUrl;
    subjects = subjectClient.client;
    risk = riskClient.client;
  });
  afterAll(async () => {
    for (const close of closers) close();
    await service?.close();
    await database?.drop();
  });

  const codeOf = (call: Promise<unknown>): Promise<string> =>
    call.then(
      () => 'OK',
      (error: unknown) => fromGrpcError(error).code,
    );
  const assess = async (subjectId: string, eventType: string, emulator = false) =>
    risk.assess({
      caller: SERVICE,
      eventType,
      subjectId,
      device: { platform: 'android', appInstanceId: randomUUID(), androidId: randomBytes(8).toString('hex'), emulator, riskyApps: [], extra: {} },
      ip: '120.24.78.68',
      ...(eventType === 'PAYMENT' ? { amount: 99 } : {}),
    });

  it('asks for a human review through ExplainDecision, lists it in the queue and resolves it', async () => {
    const subject = `user-${randomUUID()}`;
    const login = await assess(subject, 'LOGIN', true);
    expect(login.decision).toBe('REVIEW');
    const requestId = randomUUID();
    const explained = await risk.explainDecision({ decisionId: login.decisionId, subjectId: subject, requestHumanReview: true, requestId });
    expect(explained.explanation[0]).toBe('An automated risk check sent to manual review this request.');
    expect(explained.review).toMatchObject({ decisionId: login.decisionId, status: 'OPEN' });
    expect((await risk.explainDecision({ decisionId: login.decisionId, subjectId: subject, requestHumanReview: true, requestId })).review).toEqual(
      explained.review,
    );
    expect((await risk.explainDecision({ decisionId: login.decisionId, subjectId: subject, requestHumanReview: false, requestId: '' })).review).toEqual(
      explained.review,
    );

    const open = await risk.listDecisionReviews({ status: 'OPEN', limit: 10 });
    expect(open.items).toEqual([explained.review]);
    const { review } = await risk.resolveDecisionReview({ caller: ANALYST, reviewId: explained.review!.id, outcome: 'UPHELD', note: 'Emulator confirmed.' });
    expect(review).toMatchObject({ status: 'RESOLVED', outcome: 'UPHELD', resolvedBy: 'analyst-grpc', note: 'Emulator confirmed.' });
    expect((await risk.listDecisionReviews({ status: 'OPEN', limit: 10 })).items).toEqual([]);
    expect((await risk.listDecisionReviews({ limit: 0 })).items).toEqual([review]);

    expect(await codeOf(risk.resolveDecisionReview({ caller: ANALYST, reviewId: review!.id, outcome: 'UPHELD', note: 'again' }))).toBe(
      'REVIEW_ALREADY_RESOLVED',
    );
    expect(await codeOf(risk.resolveDecisionReview({ caller: ANALYST, reviewId: randomUUID(), outcome: 'UPHELD', note: 'x' }))).toBe('REVIEW_NOT_FOUND');
    expect(await codeOf(risk.resolveDecisionReview({ caller: ANALYST, reviewId: review!.id, outcome: 'MAYBE', note: 'x' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(risk.resolveDecisionReview({ caller: ANALYST, reviewId: 'r-1', outcome: 'UPHELD', note: '' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(risk.listDecisionReviews({ status: 'CLOSED', limit: 10 }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(risk.explainDecision({ decisionId: login.decisionId, subjectId: subject, requestHumanReview: true, requestId: '' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await codeOf(risk.explainDecision({ decisionId: login.decisionId, subjectId: subject, requestHumanReview: true, requestId: '../x' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await codeOf(risk.explainDecision({ decisionId: login.decisionId, subjectId: 'someone-else', requestHumanReview: false, requestId: '' }))).toBe(
      'DECISION_NOT_FOUND',
    );
  });

  it('serves the privacy service’s EXPLAIN step: its typed client relays the explanation and the review case, once per data request', async () => {
    const subject = `user-${randomUUID()}`;
    const login = await assess(subject, 'LOGIN', true);
    const explainer = new RiskDecisionExplainer(address, undefined);
    try {
      const dataRequestId = randomUUID();
      const plain = await explainer.explain({ subjectId: subject, decisionId: login.decisionId, requestHumanReview: false, requestId: dataRequestId });
      expect(plain).toEqual({
        decisionId: login.decisionId,
        decision: 'REVIEW',
        madeAt: expect.any(String),
        explanation: expect.stringContaining('emulator'),
        reasons: login.reasons,
        humanReview: { requested: false },
      });
      expect(plain.explanation.split('\n')[0]).toBe('An automated risk check sent to manual review this request.');
      const asked = await explainer.explain({ subjectId: subject, decisionId: login.decisionId, requestHumanReview: true, requestId: dataRequestId });
      expect(asked.humanReview).toEqual({ requested: true, caseId: expect.any(String) });
      // The processor retries a step until it is recorded done: the retry finds the same case.
      expect(await explainer.explain({ subjectId: subject, decisionId: login.decisionId, requestHumanReview: true, requestId: dataRequestId })).toEqual(asked);
      const open = await risk.listDecisionReviews({ status: 'OPEN', limit: 500 });
      expect(open.items.filter((item) => item.decisionId === login.decisionId).map((item) => item.id)).toEqual([asked.humanReview!.caseId]);
      await expect(
        explainer.explain({ subjectId: 'someone-else', decisionId: login.decisionId, requestHumanReview: true, requestId: randomUUID() }),
      ).rejects.toSatisfy((error: unknown) => fromGrpcError(error).code === 'DECISION_NOT_FOUND');
    } finally {
      explainer.onApplicationShutdown();
    }
  });

  it('exports, corrects nothing, erases and runs retention for one subject, answering refusals with their codes', async () => {
    const subject = `user-${randomUUID()}`;
    const login = await assess(subject, 'LOGIN');
    const payment = await assess(subject, 'PAYMENT');
    const exported = await subjects.exportSubjectData({ subjectId: subject, reason: 'SUBJECT_COPY' });
    expect((JSON.parse(exported.dataJson) as { decisions: Array<{ id: string }> }).decisions.map((decision) => decision.id)).toEqual([
      login.decisionId,
      payment.decisionId,
    ]);
    expect(exported.held).toEqual([]);

    expect(await subjects.correctSubjectData({ subjectId: subject, field: 'phone', value: '13912345678', requestId: randomUUID() })).toEqual({ updated: 0 });
    expect(await codeOf(subjects.correctSubjectData({ subjectId: subject, field: 'name', value: '王小明', requestId: randomUUID() }))).toBe(
      'FIELD_NOT_CORRECTABLE',
    );

    const requestId = randomUUID();
    const erased = await subjects.eraseSubjectData({ subjectId: subject, mode: 'CLOSE_ACCOUNT', requestId });
    expect(erased).toEqual({
      deleted: 2,
      anonymised: 1,
      held: [
        { category: 'risk_transaction_decisions', holdUntil: expect.any(String), legalBasis: expect.stringContaining('Anti-Money-Laundering'), records: 1 },
      ],
    });
    expect(await subjects.eraseSubjectData({ subjectId: subject, mode: 'CLOSE_ACCOUNT', requestId })).toEqual(erased);
    expect(await codeOf(subjects.eraseSubjectData({ subjectId: subject, mode: 'DELETE', requestId }))).toBe('ERASURE_REQUEST_CONFLICT');
    expect(await codeOf(risk.explainDecision({ decisionId: payment.decisionId, subjectId: subject, requestHumanReview: false, requestId: '' }))).toBe(
      'DECISION_NOT_FOUND',
    );
    expect(await codeOf(risk.getDecision({ decisionId: payment.decisionId, caller: { subjectId: 'analyst-1', roles: ['risk_analyst'] } }))).toBe(
      'DECISION_NOT_FOUND',
    );
    expect((await subjects.exportSubjectData({ subjectId: subject, reason: 'STAFF_UNMASK' })).held).toEqual(erased.held);

    const counts = (await subjects.runRetention({ asOf: '' })).counts;
    expect(Object.keys(counts).sort()).toEqual(['decisions_anonymised', 'erasure_receipts_purged', 'holds_ended', 'outbox_purged', 'reviews_deleted']);

    expect(await codeOf(subjects.eraseSubjectData({ subjectId: 'user-1', mode: 'FORGET', requestId: randomUUID() }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(subjects.eraseSubjectData({ subjectId: '', mode: 'DELETE', requestId: randomUUID() }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(subjects.exportSubjectData({ subjectId: 'user-1', reason: '' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(subjects.correctSubjectData({ subjectId: 'user-1', field: 'iban', value: 'x', requestId: randomUUID() }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(subjects.runRetention({ asOf: 'next year' }))).toBe('VALIDATION_FAILED');
  });
});
