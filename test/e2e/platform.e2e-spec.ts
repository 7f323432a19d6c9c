import {
  credentials,
  loadPackageDefinition as toGrpcObject,
  makeGenericClientConstructor,
  Metadata,
  status,
  type Client,
  type ServiceError,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import type { IdentityServiceClient } from '#contracts/identity';
import { checkGrpcHealth, createGrpcClient, IDENTITY_SERVICE } from '#libs/grpc';
import { readLogs } from '#libs/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePorts } from '../../scripts/stack/ports.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, tokenFor } from './support/api.js';

const SERVICES = {
  identity: 'kyc.identity.v1.IdentityService',
  merchant: 'kyc.merchant.v1.MerchantService',
  risk: 'kyc.risk.v1.RiskService',
  privacy: 'kyc.privacy.v1.PrivacyService',
} as const;

/** Lists a server's services through the standard reflection protocol (v1). */
async function reflectedServices(port: number): Promise<string[]> {
  const definition = loadSync(join(process.cwd(), 'node_modules/@grpc/reflection/build/proto/grpc/reflection/v1/reflection.proto'), { keepCase: true });
  const Reflection = (
    toGrpcObject(definition) as unknown as { grpc: { reflection: { v1: { ServerReflection: new (address: string, creds: unknown) => Client } } } }
  ).grpc.reflection.v1.ServerReflection;
  const client = new Reflection(`127.0.0.1:${port}`, credentials.createInsecure()) as Client & {
    serverReflectionInfo(): NodeJS.ReadWriteStream & { write(message: object): void };
  };
  return new Promise((resolve, reject) => {
    const call = client.serverReflectionInfo();
    call.on('data', (response: { list_services_response?: { service: Array<{ name: string }> } }) => {
      resolve(response.list_services_response?.service.map((service) => service.name) ?? []);
      call.end();
      client.close();
    });
    call.on('error', reject);
    call.write({ list_services: '*' });
  });
}

describe('platform', () => {
  it('answers liveness and readiness with every dependency up', async () => {
    await expect(api('GET', '/healthz')).resolves.toMatchObject({ status: 200, body: { status: 'ok' } });
    const ready = await api('GET', '/readyz');
    expect(ready).toMatchObject({ status: 200, body: { ready: true, checks: { database: 'up', identity: 'up', merchant: 'up', risk: 'up', privacy: 'up' } } });
  });

  it.each(Object.entries(SERVICES))('%s answers the standard gRPC health check and reflection', async (name, service) => {
    const port = inject('grpcPorts')[name as keyof typeof SERVICES];
    await expect(checkGrpcHealth(`127.0.0.1:${port}`)).resolves.toBe('SERVING');
    await expect(checkGrpcHealth(`127.0.0.1:${port}`, { service })).resolves.toBe('SERVING');
    expect(await reflectedServices(port)).toEqual(expect.arrayContaining([service, 'grpc.health.v1.Health']));
  });

  it('answers INVALID_ARGUMENT, never INTERNAL, to bytes that are not a valid message', async () => {
    const Raw = makeGenericClientConstructor(
      {
        listConsents: {
          path: '/kyc.privacy.v1.PrivacyService/ListConsents',
          requestStream: false,
          responseStream: false,
          requestSerialize: (bytes: Buffer) => bytes,
          requestDeserialize: (bytes: Buffer) => bytes,
          responseSerialize: (bytes: Buffer) => bytes,
          responseDeserialize: (bytes: Buffer) => bytes,
        },
      },
      'Raw',
    );
    const client = new Raw(`127.0.0.1:${inject('grpcPorts').privacy}`, credentials.createInsecure()) as unknown as Client & {
      listConsents(request: Buffer, metadata: Metadata, callback: (error: ServiceError | null) => void): void;
    };
    const error = await new Promise<ServiceError | null>((resolve) => client.listConsents(Buffer.from([0x0b]), new Metadata(), resolve));
    client.close();
    expect(error?.code).toBe(status.INVALID_ARGUMENT);
    expect(error?.metadata.get('x-kyc-error')[0]).toContain('MALFORMED_REQUEST');
  });

  it('answers INVALID_ARGUMENT, never INTERNAL, to text PostgreSQL cannot store (a NUL character)', async () => {
    const { client, close } = createGrpcClient<IdentityServiceClient>(IDENTITY_SERVICE, { address: `127.0.0.1:${inject('grpcPorts').identity}` });
    try {
      await expect(client.getVerificationLevel({ subjectId: 'a\u0000b' })).rejects.toMatchObject({ code: status.INVALID_ARGUMENT });
    } finally {
      close();
    }
  });

  it('serves the OpenAPI document and its UI', async () => {
    const document = await api<{ openapi: string; paths: Record<string, unknown> }>('GET', '/docs-json');
    expect(document.status).toBe(200);
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/healthz', '/v1/me/consents', '/v1/analyst/audit']));
    const ui = await api('GET', '/docs');
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('swagger');
  });

  it('answers 401 without a token, 403 with a token lacking the role, and 200 with the role', async () => {
    const noToken = await api('GET', '/v1/me/consents');
    expect(noToken).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED', status: 401 } });
    expect(noToken.headers.get('content-type')).toContain('application/problem+json');
    expect(noToken.headers.get('www-authenticate')).toBe('Bearer');
    const analyst = await tokenFor(['risk_analyst']);
    await expect(api('GET', '/v1/me/consents', { token: analyst.token })).resolves.toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    const user = await tokenFor(['user']);
    await expect(api('GET', '/v1/me/consents', { token: user.token })).resolves.toMatchObject({ status: 200, body: { items: [], history: [] } });
    await expect(api('GET', '/v1/me/consents', { token: 'not-a-jwt' })).resolves.toMatchObject({ status: 401, body: { code: 'TOKEN_INVALID' } });
  });

  it('validates bodies: unknown fields, bad values and malformed JSON are 400 problem+json without echoing input', async () => {
    const { token } = await tokenFor(['user']);
    const unknown = await api<{ code: string; errors: Array<{ field: string; code: string }> }>('POST', '/v1/me/consents', {
      token,
      body: { purpose: 'marketing', policy_version: '2026-10', favourite_colour: 'blue' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
    expect(unknown.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'favourite_colour', code: 'UNKNOWN_FIELD' })]));
    const bad = await api('POST', '/v1/me/consents', { token, body: { purpose: '11010519491231002X', policy_version: '2026-10' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).not.toContain('11010519491231002X');
    await expect(api('POST', '/v1/me/consents', { token, raw: '{"purpose":' })).resolves.toMatchObject({ status: 400, body: { code: 'MALFORMED_JSON' } });
    await expect(api('GET', '/v1/nothing-here', { token })).resolves.toMatchObject({ status: 404, body: { code: 'ROUTE_NOT_FOUND' } });
    for (const raw of ['['.repeat(5000) + ']'.repeat(5000), `{"x":${'{"x":'.repeat(2000)}1${'}'.repeat(2000)}}`]) {
      await expect(api('POST', '/v1/me/consents', { token, raw })).resolves.toMatchObject({ status: 400, body: { code: 'BODY_TOO_DEEP' } });
    }
    await expect(api('POST', '/v1/me/consents', { token, raw: '{"__proto__":{"admin":true}}' })).resolves.toMatchObject({ status: 400 });
    await expect(api('POST', '/v1/me/consents', { token, body: { purpose: 'marketing', policy_version: '1999-01' } })).resolves.toMatchObject({
      status: 400,
      body: { code: 'POLICY_VERSION_UNKNOWN' },
    });
    const tooLong = await api('GET', `/v1/analyst/decisions?subject_id=${'x'.repeat(20_000)}`, { token });
    expect([tooLong.status, tooLong.headers.get('content-type'), (tooLong.body as { code: string }).code]).toEqual([
      431,
      'application/problem+json',
      'HEADERS_TOO_LARGE',
    ]);
    const longSegment = await api('GET', `/v1/analyst/lists/${'a'.repeat(300)}/entries`, { token });
    expect([longSegment.status, (longSegment.body as { code: string }).code]).toEqual([414, 'URI_TOO_LONG']);
  });

  it('replays an Idempotency-Key and refuses it for a different body', async () => {
    const { token } = await tokenFor(['user']);
    const key = `key-${Date.now()}`;
    const body = { purpose: 'marketing', policy_version: '2026-10', channel: 'app' };
    const first = await api('POST', '/v1/me/consents', { token, body, headers: { 'idempotency-key': key } });
    const replay = await api('POST', '/v1/me/consents', { token, body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(replay).toMatchObject({ status: 201, body: first.body });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const reused = await api('POST', '/v1/me/consents', { token, body: { ...body, purpose: 'risk_control' }, headers: { 'idempotency-key': key } });
    expect(reused).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
  });

  it('carries the request id into the response, the gRPC hop and every log line', async () => {
    const { token } = await tokenFor(['user']);
    // Not a bare digit run: a 13-digit timestamp passes the Luhn check one time in ten, and the log
    // redaction then rightly masks it as a card number (this test failed that way once).
    const requestId = `e2e-trace-${Date.now().toString(36)}`;
    const response = await api('GET', '/v1/me/consents', { token, headers: { 'x-request-id': requestId } });
    expect(response.headers.get('x-request-id')).toBe(requestId);
    const generated = await api('GET', '/healthz');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => readLogs(inject('logDir')).get('gateway.log') ?? '', { timeout: 15_000 }).toContain(`"requestId":"${requestId}"`);

    // Across the hop: identity logs every factor it records ("Factor recorded", info). A malformed
    // ID number is recorded as REJECTED without calling any verifier, so nothing else is involved.
    const session = await api<{ id: string }>('POST', '/v1/kyc/sessions', { token, body: { target_level: 'L1' } });
    expect(session.status).toBe(201);
    const factorRequestId = `${requestId}-factor`;
    const factor = await api('POST', `/v1/kyc/sessions/${session.body.id}/identity`, {
      token,
      body: { name: '张测试', id_number: '12345' },
      headers: { 'x-request-id': factorRequestId },
    });
    expect(factor).toMatchObject({ status: 200, body: { type: 'IDENTITY', result: 'REJECTED', reason_code: 'ID_NUMBER_INVALID' } });
    /** The log lines of `app` that carry `id` as their request id (a line still being written is skipped). */
    const linesWith = (app: string, id: string): Array<{ msg?: string; route?: string }> =>
      (readLogs(inject('logDir')).get(`${app}.log`) ?? '').split('\n').flatMap((line) => {
        try {
          const entry = JSON.parse(line) as { requestId?: string; msg?: string; route?: string };
          return entry.requestId === id ? [entry] : [];
        } catch {
          return [];
        }
      });
    await expect.poll(() => linesWith('identity', factorRequestId).map((line) => line.msg), { timeout: 15_000 }).toContain('Factor recorded');
    await expect.poll(() => linesWith('gateway', factorRequestId).map((line) => line.route), { timeout: 15_000 }).toContain('/v1/kyc/sessions/:id/identity');
  });

  it('exposes Prometheus metrics labelled by route template, never by raw path', async () => {
    const { token } = await tokenFor(['user']);
    await api('DELETE', '/v1/me/consents/marketing', { token });
    const metrics = await api('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(String(metrics.body)).toMatch(/http_requests_total\{[^}]*route="\/v1\/me\/consents\/:purpose"/);
    expect(String(metrics.body)).not.toContain('/v1/me/consents/marketing');
  });

  it('sets security headers and refuses CORS to unlisted origins', async () => {
    const response = await api('GET', '/healthz', { headers: { origin: 'https://evil.example' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('records consent changes in the audit log, which verifies', async () => {
    const user = await tokenFor(['user']);
    await api('POST', '/v1/me/consents', { token: user.token, body: { purpose: 'risk_control', policy_version: '2026-10' } });
    await api('DELETE', '/v1/me/consents/risk_control', { token: user.token });
    const officer = await tokenFor(['privacy_officer']);
    const entries = await api<{ items: Array<{ type: string; subject_ref: string }> }>('GET', `/v1/analyst/audit?subject_id=${user.sub}`, {
      token: officer.token,
    });
    expect(entries.body.items.map((entry) => entry.type)).toEqual(['CONSENT_WITHDRAWN', 'CONSENT_GRANTED']);
    expect(JSON.stringify(entries.body)).not.toContain(user.sub);
    await expect(api('POST', '/v1/analyst/audit/checkpoints', { token: officer.token })).resolves.toMatchObject({ status: 201 });
    await expect(api('POST', '/v1/analyst/audit/verify', { token: officer.token })).resolves.toMatchObject({
      status: 200,
      body: { ok: true, first_bad_seq: null },
    });
    await expect(api('POST', '/v1/analyst/audit/verify', { token: user.token })).resolves.toMatchObject({ status: 403 });
  });
});

/** A second gateway process with tight limits, beside the shared one. */
describe('edge limits (a second gateway with small limits)', () => {
  let gateway: ChildProcess;
  let url = '';

  beforeAll(async () => {
    const [port] = await freePorts(1);
    const grpc = inject('grpcPorts');
    gateway = spawn(process.execPath, ['dist/apps/gateway/src/main.js'], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        KYC_DATA_DIR: dirname(inject('logDir')),
        DATABASE_URL: inject('e2eDatabaseUrl'),
        GATEWAY_PORT: String(port),
        RATE_LIMIT_PER_MINUTE: '5',
        BODY_LIMIT_BYTES: '2048',
        CORS_ALLOWED_ORIGINS: 'https://app.example',
        IDENTITY_GRPC_URL: `127.0.0.1:${grpc.identity}`,
        MERCHANT_GRPC_URL: `127.0.0.1:${grpc.merchant}`,
        RISK_GRPC_URL: `127.0.0.1:${grpc.risk}`,
        PRIVACY_GRPC_URL: `127.0.0.1:${grpc.privacy}`,
      },
      stdio: 'ignore',
    });
    url = `http://127.0.0.1:${port}`;
    for (let attempt = 0; attempt < 100; attempt++) {
      if (
        await fetch(`${url}/healthz`).then(
          (response) => response.ok,
          () => false,
        )
      )
        return;
      await sleep(100);
    }
    throw new Error('second gateway did not start');
  });

  afterAll(() => {
    gateway.kill('SIGTERM');
  });

  it('answers 429 problem+json past the per-caller limit, per caller', async () => {
    const first = await tokenFor(['user']);
    const second = await tokenFor(['user']);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await fetch(`${url}/v1/me/consents`, { headers: { authorization: `Bearer ${first.token}` } })).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const limited = await fetch(`${url}/v1/me/consents`, { headers: { authorization: `Bearer ${first.token}` } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(await limited.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect((await fetch(`${url}/v1/me/consents`, { headers: { authorization: `Bearer ${second.token}` } })).status).toBe(200);
  });

  it('refuses a body over the limit with 413 problem+json', async () => {
    const { token } = await tokenFor(['user']);
    const response = await fetch(`${url}/v1/me/consents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ purpose: 'x'.repeat(4000) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
  });

  it('allows CORS for a listed origin only', async () => {
    const allowed = await fetch(`${url}/healthz`, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const refused = await fetch(`${url}/healthz`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});
