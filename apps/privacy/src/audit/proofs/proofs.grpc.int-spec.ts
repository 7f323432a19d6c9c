import { credentials, makeGenericClientConstructor, Metadata, status, type Client, type ServiceError } from '@grpc/grpc-js';
import type { AuditEntry, Checkpoint, PrivacyServiceClient } from '#contracts/privacy';
import { auditLeafHash, parseCheckpointText, verifyConsistency, verifyInclusion } from '#libs/audit';
import { createDataSource, runMigrations } from '#libs/db';
import { createGrpcClient, fromGrpcError, isServiceError, PRIVACY_SERVICE, startGrpcService, type PromiseClient, type RunningGrpcService } from '#libs/grpc';
import { createLogger, createMetricsRegistry } from '#libs/observability';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { createPublicKey, generateKeyPairSync, randomBytes, randomUUID, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../../../../scripts/stack/ports.js';
import { testDataSourceSettings } from '../../../../../test/setup/schemas.js';
import { loadPrivacyConfig } from '../../config/privacy.config.js';
import { privacyDataSource } from '../../infrastructure/persistence/privacy.data-source.js';
import { PrivacyModule } from '../../privacy.module.js';

const bytes = (hex: string): Buffer => Buffer.from(hex, 'hex');

/**
 * The privacy app as main.ts boots it (module, validation, error filter),
 * called by a real gRPC client. A private database: the tree sizes below
 * are exact, and the app's background jobs must see only this spec's rows.
 *
 * The log holds 13 entries; checkpoints were signed at 5 and 11, so the
 * current size is neither and a proof must be for the size asked.
 */
describe('GetInclusionProof and GetConsistencyProof over gRPC (the privacy app)', () => {
  let database: TestDatabase;
  let service: RunningGrpcService;
  let privacy: PromiseClient<PrivacyServiceClient>;
  let address: string;
  const closers: Array<() => void> = [];
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const run = randomUUID();
  let small: Checkpoint;
  let large: Checkpoint;
  let entries: AuditEntry[];

  async function appendEntries(from: number, to: number): Promise<void> {
    const batch = [];
    for (let n = from; n <= to; n++) {
      batch.push({
        source: 'risk',
        sourceId: `proofs-grpc-${run}-${n}`,
        type: n % 2 ? 'LIST_ENTRY_ADDED' : 'LIST_ENTRY_REMOVED',
        actor: { type: 'staff', id: 'analyst-proofs' },
        subjectId: `user-${run}-${n % 3}`,
        payloadJson: JSON.stringify({ list: 'device_block', entry_id: `e${n}` }),
        occurredAt: new Date(Date.UTC(2026, 10, 1, 0, 0, n)).toISOString(),
      });
    }
    const { seqs } = await privacy.appendAuditEntries({ entries: batch });
    expect(seqs).toEqual(Array.from({ length: to - from + 1 }, (_, index) => String(from + index)));
  }

  /** A checkpoint as an auditor accepts it: the signature holds under the configured key and the text says what the fields say. */
  function expectSigned(checkpoint: Checkpoint, publicKeyPem: string): void {
    expect(verify(null, Buffer.from(checkpoint.signedText, 'utf8'), createPublicKey(publicKeyPem), Buffer.from(checkpoint.signature, 'base64'))).toBe(true);
    expect(parseCheckpointText(checkpoint.signedText)).toEqual({
      treeSize: Number(checkpoint.treeSize),
      rootHash: checkpoint.rootHash,
      signedAt: checkpoint.signedAt,
      keyId: 'proofs-test-key',
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase(inject('serverUrl'), 'kyc_privacy_grpc_test');
    const settings = testDataSourceSettings(database.url, privacyDataSource);
    await runMigrations(createDataSource(settings), settings.schema);
    const config = loadPrivacyConfig({
      DATABASE_URL: database.url,
      GRPC_PORT: String(await freePort()),
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PII_ENCRYPTION_KEYS: `t1:${randomBytes(32).toString('base64')}`,
      PII_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
      AUDIT_SIGNING_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      AUDIT_SIGNING_KEY_ID: 'proofs-test-key',
      // Checkpoints only when this spec asks; no background work.
      AUDIT_CHECKPOINT_INTERVAL_MS: '0',
      DATA_REQUEST_POLL_MS: '0',
      RETENTION_INTERVAL_MS: '0',
      DISCLOSURE_STALE_AFTER_MS: '0',
      IDENTITY_GRPC_URL: '127.0.0.1:9',
      MERCHANT_GRPC_URL: '127.0.0.1:9',
      RISK_GRPC_URL: '127.0.0.1:9',
    });
    const logger = createLogger({ app: 'privacy-test', level: 'silent' });
    const metrics = createMetricsRegistry('privacy-test');
    service = await startGrpcService({ module: PrivacyModule.register(config, { logger, metrics }), descriptor: PRIVACY_SERVICE, config, logger, metrics });
    const handle = createGrpcClient<PrivacyServiceClient>(PRIVACY_SERVICE, { address: config.grpcUrl, defaultTimeoutMs: 10_000 });
    closers.push(handle.close);
    privacy = handle.client;
    address = config.grpcUrl;

    await appendEntries(1, 5);
    small = (await privacy.createCheckpoint({})).checkpoint!;
    await appendEntries(6, 11);
    large = (await privacy.createCheckpoint({})).checkpoint!;
    await appendEntries(12, 13);
    entries = (await privacy.listAuditEntries({ limit: 500 })).items.reverse();
  });
  afterAll(async () => {
    for (const close of closers) close();
    await service?.close();
    await database?.drop();
  });

  async function failure(call: Promise<unknown>): Promise<{ status: number; code: string }> {
    const error: unknown = await call.then(
      () => undefined,
      (rejected: unknown) => rejected,
    );
    if (!isServiceError(error)) throw new Error('the call succeeded or failed outside gRPC');
    return { status: error.code, code: fromGrpcError(error).code };
  }
  const invalid = (code: string) => ({ status: status.INVALID_ARGUMENT, code });

  it('exports checkpoints at 5 and 11 signed with the configured key', async () => {
    const { checkpoints, publicKeyPem } = await privacy.listCheckpoints({});
    expect(publicKeyPem).toBe(publicKey.export({ format: 'pem', type: 'spki' }).toString());
    expect(checkpoints).toEqual([small, large]);
    expect([small.treeSize, large.treeSize]).toEqual(['5', '11']);
    for (const checkpoint of checkpoints) expectSigned(checkpoint, publicKeyPem);
    expect(entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 13 }, (_, index) => String(index + 1)));
  });

  it('proves every entry is in the tree the size-11 checkpoint signed, and each proof is for that entry only', async () => {
    const root = bytes(large.rootHash);
    for (const entry of entries.slice(0, 11)) {
      const seq = Number(entry.seq);
      const proof = await privacy.getInclusionProof({ seq: entry.seq, treeSize: large.treeSize });
      expect(proof).toMatchObject({ leafIndex: String(seq - 1), treeSize: '11', rootHash: large.rootHash, leafHash: entry.leafHash });
      // The leaf is the entry as listed, recomputed here, not a hash the server vouches for.
      const leaf = auditLeafHash({
        ...entry,
        actor: entry.actor!,
        subjectRef: entry.subjectRef ?? null,
        payload: JSON.parse(entry.payloadJson) as Record<string, unknown>,
      });
      expect(leaf.toString('hex')).toBe(proof.leafHash);
      const path = proof.auditPath.map(bytes);
      expect(verifyInclusion(seq - 1, 11, leaf, path, root)).toBe(true);
      // The same path proves nothing for another position, another leaf or another root.
      expect(verifyInclusion(seq % 11, 11, leaf, path, root)).toBe(false);
      expect(verifyInclusion(seq - 1, 11, bytes(entries[seq % 11]!.leafHash), path, root)).toBe(false);
      expect(verifyInclusion(seq - 1, 11, leaf, path, bytes(small.rootHash))).toBe(false);
    }
  });

  it('proves inclusion in the older, size-5 checkpoint for the entries it covered', async () => {
    for (const entry of entries.slice(0, 5)) {
      const proof = await privacy.getInclusionProof({ seq: entry.seq, treeSize: small.treeSize });
      expect(proof).toMatchObject({ treeSize: '5', rootHash: small.rootHash, leafHash: entry.leafHash });
      expect(verifyInclusion(Number(proof.leafIndex), 5, bytes(proof.leafHash), proof.auditPath.map(bytes), bytes(small.rootHash))).toBe(true);
    }
    expect(await failure(privacy.getInclusionProof({ seq: '6', treeSize: small.treeSize }))).toEqual({
      status: status.NOT_FOUND,
      code: 'AUDIT_ENTRY_NOT_FOUND',
    });
  });

  it('proves that the size-11 checkpoint extends the size-5 one', async () => {
    const proof = await privacy.getConsistencyProof({ firstSize: small.treeSize, secondSize: large.treeSize });
    expect(proof.firstRoot).toBe(small.rootHash);
    expect(proof.secondRoot).toBe(large.rootHash);
    expect(proof.proof.length).toBeGreaterThan(0);
    const path = proof.proof.map(bytes);
    expect(verifyConsistency(5, 11, path, bytes(small.rootHash), bytes(large.rootHash))).toBe(true);
    expect(verifyConsistency(5, 11, path, bytes(large.rootHash), bytes(small.rootHash))).toBe(false);
    expect(verifyConsistency(4, 11, path, bytes(small.rootHash), bytes(large.rootHash))).toBe(false);
  });

  it('takes size 0 as the current size, and a checkpoint signed then matches the proofs', async () => {
    const inclusion = await privacy.getInclusionProof({ seq: '12', treeSize: '0' });
    const consistency = await privacy.getConsistencyProof({ firstSize: large.treeSize, secondSize: '0' });
    const current = (await privacy.createCheckpoint({})).checkpoint!;
    expectSigned(current, (await privacy.listCheckpoints({})).publicKeyPem);
    expect(current.treeSize).toBe('13');
    expect(inclusion).toMatchObject({ leafIndex: '11', treeSize: '13', rootHash: current.rootHash, leafHash: entries[11]!.leafHash });
    expect(verifyInclusion(11, 13, bytes(inclusion.leafHash), inclusion.auditPath.map(bytes), bytes(current.rootHash))).toBe(true);
    expect(consistency.secondRoot).toBe(current.rootHash);
    expect(verifyConsistency(11, 13, consistency.proof.map(bytes), bytes(large.rootHash), bytes(current.rootHash))).toBe(true);
  });

  it('answers INVALID_ARGUMENT to fields that are not counts', async () => {
    for (const seq of ['', 'abc', '-1', '01', '1.5', '1e3', ' 1', '12345678901234567']) {
      expect(await failure(privacy.getInclusionProof({ seq, treeSize: '0' })), `seq ${JSON.stringify(seq)}`).toEqual(invalid('VALIDATION_FAILED'));
    }
    expect(await failure(privacy.getInclusionProof({ seq: '1', treeSize: 'eleven' }))).toEqual(invalid('VALIDATION_FAILED'));
    expect(await failure(privacy.getInclusionProof({} as never))).toEqual(invalid('VALIDATION_FAILED'));
    for (const [firstSize, secondSize] of [
      ['', '11'],
      ['5', '-11'],
      ['0x5', '11'],
      ['5', '11.0'],
    ] as const) {
      expect(await failure(privacy.getConsistencyProof({ firstSize, secondSize })), `${firstSize} → ${secondSize}`).toEqual(invalid('VALIDATION_FAILED'));
    }
  });

  it('answers INVALID_ARGUMENT to sizes the log cannot prove', async () => {
    expect(await failure(privacy.getInclusionProof({ seq: '1', treeSize: '99' }))).toEqual(invalid('TREE_SIZE_INVALID'));
    expect(await failure(privacy.getConsistencyProof({ firstSize: '0', secondSize: '11' }))).toEqual(invalid('TREE_SIZE_INVALID'));
    expect(await failure(privacy.getConsistencyProof({ firstSize: '12', secondSize: '11' }))).toEqual(invalid('TREE_SIZE_INVALID'));
    expect(await failure(privacy.getConsistencyProof({ firstSize: '5', secondSize: '99' }))).toEqual(invalid('TREE_SIZE_INVALID'));
    // A count that is well formed but names no entry is NOT_FOUND, not a malformed request.
    expect(await failure(privacy.getInclusionProof({ seq: '0', treeSize: '11' }))).toEqual({ status: status.NOT_FOUND, code: 'AUDIT_ENTRY_NOT_FOUND' });
  });

  it('answers INVALID_ARGUMENT, never INTERNAL, to bytes that are not a request message', async () => {
    const raw = (method: string) => ({
      path: `/kyc.privacy.v1.PrivacyService/${method}`,
      requestStream: false,
      responseStream: false,
      requestSerialize: (message: Buffer) => message,
      requestDeserialize: (message: Buffer) => message,
      responseSerialize: (message: Buffer) => message,
      responseDeserialize: (message: Buffer) => message,
    });
    const Raw = makeGenericClientConstructor({ inclusion: raw('GetInclusionProof'), consistency: raw('GetConsistencyProof') }, 'RawProofs');
    type Call = (request: Buffer, metadata: Metadata, callback: (error: ServiceError | null) => void) => void;
    const client = new Raw(address, credentials.createInsecure()) as unknown as Client & { inclusion: Call; consistency: Call };
    try {
      for (const method of ['inclusion', 'consistency'] as const) {
        const error = await new Promise<ServiceError | null>((resolve) => client[method](Buffer.from([0x0b]), new Metadata(), resolve));
        expect(error?.code, method).toBe(status.INVALID_ARGUMENT);
        expect(fromGrpcError(error).code, method).toBe('MALFORMED_REQUEST');
      }
    } finally {
      client.close();
    }
  });
});
