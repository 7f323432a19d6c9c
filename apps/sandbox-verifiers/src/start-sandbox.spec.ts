// @peculiar/x509 uses tsyringe, which needs the Reflect polyfill loaded first.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACE_PATH, faceRequest, fixtures, ID_PATH, idCardRequest, startTestSandbox, type TestSandbox } from './testing/test-sandbox.fixture.js';

describe('sandbox app', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  it('serves GET /healthz', async () => {
    const { status, body } = await sandbox.get('/healthz');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok' });
  });

  it('serves Prometheus metrics with per-action result counts', async () => {
    await sandbox.post(ID_PATH, idCardRequest(fixtures.person('p01-happy')));
    await sandbox.post(ID_PATH, idCardRequest(fixtures.person('p06-no-record')));
    const { status, headers, text } = await sandbox.get('/metrics');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('text/plain');
    expect(text).toMatch(/sandbox_verifier_calls_total\{action="IdCardVerification",status="200",result="0"[^}]*\} 1/);
    expect(text).toMatch(/sandbox_verifier_calls_total\{action="IdCardVerification",status="200",result="-5"[^}]*\} 1/);
    expect(text).toMatch(/http_requests_total\{method="POST",route="\/faceid\/v1\/id-card-verification",status="200"/);
  });

  it('logs endpoint, result and latency of each call, and no request data', async () => {
    const person = fixtures.person('p02-happy');
    sandbox.logs.length = 0;
    await sandbox.post(FACE_PATH, faceRequest(person));
    const lines = sandbox.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({ action: 'ImageRecognition', route: FACE_PATH, status: 200, result: 'Success', latencyMs: expect.any(Number) }),
    );
    const all = sandbox.logs.join('\n');
    for (const value of [person.idNumber, person.name, faceRequest(person).ImageBase64.slice(0, 40)]) expect(all).not.toContain(value);
  });
});

describe('sandbox app over HTTPS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-tls-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves TLS when SANDBOX_TLS_CERT and SANDBOX_TLS_KEY are set', async () => {
    x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
    const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
    const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      name: 'CN=sandbox-verifiers test',
      keys: keys as unknown as Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]['keys'],
      signingAlgorithm: algorithm,
      extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: '127.0.0.1' }])],
    });
    const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
    const certPath = join(dir, 'cert.pem');
    const keyPath = join(dir, 'key.pem');
    writeFileSync(certPath, cert.toString('pem'));
    writeFileSync(keyPath, `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`);

    const sandbox = await startTestSandbox({ env: { SANDBOX_TLS_CERT: certPath, SANDBOX_TLS_KEY: keyPath } });
    const agent = new Agent({ connect: { ca: cert.toString('pem') } });
    try {
      expect(sandbox.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const response = await request(`${sandbox.url}/healthz`, { dispatcher: agent });
      expect(response.statusCode).toBe(200);
      expect(await response.body.json()).toEqual({ status: 'ok' });
    } finally {
      await agent.close();
      await sandbox.close();
    }
  });
});
