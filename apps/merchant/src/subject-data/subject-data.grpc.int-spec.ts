import type { MerchantServiceClient } from '#contracts/merchant';
import type { SubjectDataServiceClient } from '#contracts/subject_data';
import { createDataSource, runMigrations } from '#libs/db';
import {
  createGrpcClient,
  fromGrpcError,
  MERCHANT_SERVICE,
  startGrpcService,
  SUBJECT_DATA_SERVICE,
  type PromiseClient,
  type RunningGrpcService,
} from '#libs/grpc';
import { createMetricsRegistry } from '#libs/observability';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../../../scripts/stack/ports.js';
import { testDataSourceSettings } from '../../../../test/setup/schemas.js';
import { formToMessage } from '../applications/form/form-message.js';
import { loadMerchantConfig } from '../config/merchant.config.js';
import { merchantDataSource } from '../infrastructure/persistence/merchant.data-source.js';
import { MerchantModule } from '../merchant.module.js';
import { silentLogger } from '../testing/merchant-harness.fixture.js';

/**
 * The merchant app as main.ts boots it (module, validation, error filter),
 * serving SubjectDataService beside MerchantService. A private database:
 * the app's background jobs (outbox relays, submission retries) must see
 * only this spec's rows.
 */
describe('SubjectDataService over gRPC (the merchant app)', () => {
  let database: TestDatabase;
  let service: RunningGrpcService;
  let subjects: PromiseClient<SubjectDataServiceClient>;
  let merchants: PromiseClient<MerchantServiceClient>;
  const closers: Array<() => void> = [];

  beforeAll(async () => {
    database = await createTestDatabase(inject('serverUrl'), 'kyc_merchant_grpc_test');
    const settings = testDataSourceSettings(database.url, merchantDataSource);
    await runMigrations(createDataSource(settings), settings.schema);
    const config = loadMerchantConfig({
      DATABASE_URL: database.url,
      GRPC_PORT: String(await freePort()),
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SANDBOX_BASE_URL: 'http://127.0.0.1:9',
      OUTBOX_POLL_INTERVAL_MS: '60000',
      SUBMISSION_POLL_INTERVAL_MS: '60000',
    });
    service = await startGrpcService({
      module: MerchantModule.register(config),
      descriptor: MERCHANT_SERVICE,
      extraServices: [SUBJECT_DATA_SERVICE],
      config,
      logger: silentLogger,
      metrics: createMetricsRegistry('merchant-test'),
    });
    const subjectClient = createGrpcClient<SubjectDataServiceClient>(SUBJECT_DATA_SERVICE, { address: config.grpcUrl, defaultTimeoutMs: 10_000 });
    const merchantClient = createGrpcClient<MerchantServiceClient>(MERCHANT_SERVICE, { address: config.grpcUrl, defaultTimeoutMs: 10_000 });
    closers.push(subjectClient.close, merchantClient.close);
    subjects = subjectClient.client;
    merchants = merchantClient.client;
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

  it('exports what the token subject created through MerchantService, and only to them', async () => {
    const subject = `user-${randomUUID()}`;
    const merchantId = `m-grpc-${randomUUID()}`;
    const { application } = await merchants.createApplication({
      merchantId,
      actorId: subject,
      businessCode: 'grpc-1',
      type: 'INDIVIDUAL',
      form: formToMessage({ store: { name: '小店', address: '北京市朝阳区建国路 88 号' } }),
    });
    const exported = await subjects.exportSubjectData({ subjectId: subject, reason: 'SUBJECT_COPY' });
    expect(JSON.parse(exported.dataJson).merchant_records).toEqual([
      expect.objectContaining({
        id: application!.id,
        merchant_id: merchantId,
        status: 'DRAFT',
        form: { store: { name: '小店', address: '北京市朝阳区建国路 88 号' } },
      }),
    ]);
    expect(exported.held).toEqual([]);
    expect(JSON.parse((await subjects.exportSubjectData({ subjectId: merchantId, reason: 'STAFF_UNMASK' })).dataJson).merchant_records).toEqual([]);

    expect(await subjects.correctSubjectData({ subjectId: subject, field: 'address', value: '北京市东城区王府井大街 1 号', requestId: randomUUID() })).toEqual({
      updated: 1,
    });
    const erased = await subjects.eraseSubjectData({ subjectId: subject, mode: 'CLOSE_ACCOUNT', requestId: randomUUID() });
    expect(erased).toEqual({ deleted: 1, anonymised: 0, held: [] });
    const counts = (await subjects.runRetention({ asOf: '' })).counts;
    expect(Object.keys(counts).sort()).toEqual([
      'documents_deleted',
      'drafts_purged',
      'erasure_receipts_purged',
      'holds_ended',
      'outbox_purged',
      'records_deleted',
    ]);
  });

  it('answers refusals and malformed requests with their codes, never INTERNAL', async () => {
    const requestId = randomUUID();
    expect(await codeOf(subjects.correctSubjectData({ subjectId: 'user-1', field: 'name', value: '王小明', requestId }))).toBe('FIELD_NOT_CORRECTABLE');
    expect(await codeOf(subjects.correctSubjectData({ subjectId: 'user-1', field: 'phone', value: 'abc', requestId }))).toBe('CORRECTION_VALUE_INVALID');
    expect(await codeOf(subjects.correctSubjectData({ subjectId: 'user-1', field: 'iban', value: 'x', requestId }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(subjects.eraseSubjectData({ subjectId: 'user-1', mode: 'FORGET', requestId }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(subjects.eraseSubjectData({ subjectId: '', mode: 'DELETE', requestId }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(subjects.exportSubjectData({ subjectId: 'user-1', reason: '' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(subjects.runRetention({ asOf: 'next year' }))).toBe('VALIDATION_FAILED');
    await subjects.eraseSubjectData({ subjectId: 'user-1', mode: 'DELETE', requestId });
    expect(await codeOf(subjects.eraseSubjectData({ subjectId: 'user-2', mode: 'DELETE', requestId }))).toBe('ERASURE_REQUEST_CONFLICT');
  });
});
