import { signDevToken } from '#libs/testing';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadSandboxFixtures } from '../../apps/sandbox-verifiers/src/fixtures/index.js';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { operationsOf, type OpenApiDocument, type Operation } from '../fuzz/openapi-operations.js';
import { api, tokenFor } from './support/api.js';

type Role = 'user' | 'merchant' | 'risk_analyst' | 'reviewer' | 'privacy_officer' | 'admin';
const ROLES: Role[] = ['user', 'merchant', 'risk_analyst', 'reviewer', 'privacy_officer', 'admin'];

/**
 * Who may call what: written once, here, and checked both against the
 * routes' own declarations (the OpenAPI `x-kyc-roles`) and against real
 * calls. A new route fails this test until it has a line.
 */
const EXPECTED: Record<string, Role[] | 'public'> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  // Real-name verification: the user themself.
  'POST /v1/kyc/sessions': ['user'],
  'GET /v1/kyc/sessions/{id}': ['user'],
  'POST /v1/kyc/sessions/{id}/identity': ['user'],
  'POST /v1/kyc/sessions/{id}/liveness': ['user'],
  'POST /v1/kyc/sessions/{id}/bank-card': ['user'],
  'GET /v1/kyc/me': ['user'],
  // Consents and data-subject rights: the user themself.
  'GET /v1/me/consents': ['user'],
  'POST /v1/me/consents': ['user'],
  'DELETE /v1/me/consents/{purpose}': ['user'],
  'POST /v1/me/data-requests': ['user'],
  'GET /v1/me/data-requests/{id}': ['user'],
  // Device risk: the payment backend on behalf of users and merchants.
  'POST /v1/risk/assessments': ['user', 'merchant'],
  // Risk analysts.
  'GET /v1/analyst/decision-reviews': ['risk_analyst'],
  'POST /v1/analyst/decision-reviews/{id}/resolve': ['risk_analyst'],
  'GET /v1/analyst/decisions': ['risk_analyst'],
  'GET /v1/analyst/decisions/{id}': ['risk_analyst'],
  'POST /v1/analyst/decisions/{id}/label': ['risk_analyst'],
  'GET /v1/analyst/lists/{list}/entries': ['risk_analyst'],
  'POST /v1/analyst/lists/{list}/entries': ['risk_analyst'],
  'DELETE /v1/analyst/lists/{list}/entries/{entry_id}': ['risk_analyst'],
  'GET /v1/analyst/rulesets': ['risk_analyst'],
  'POST /v1/analyst/rulesets': ['risk_analyst'],
  'GET /v1/analyst/rulesets/{version}': ['risk_analyst'],
  'POST /v1/analyst/rulesets/{version}/publish': ['risk_analyst'],
  'POST /v1/analyst/rulesets/{version}/shadow': ['risk_analyst'],
  'POST /v1/analyst/rulesets/{version}/backtest': ['risk_analyst'],
  // Merchants, their own records only.
  'POST /v1/merchant/documents': ['merchant'],
  'GET /v1/merchant/documents/{id}': ['merchant'],
  'GET /v1/merchant/applications': ['merchant'],
  'POST /v1/merchant/applications': ['merchant'],
  'GET /v1/merchant/applications/{id}': ['merchant'],
  'PATCH /v1/merchant/applications/{id}': ['merchant'],
  'POST /v1/merchant/applications/{id}/submit': ['merchant'],
  'POST /v1/merchant/applications/{id}/upgrades': ['merchant'],
  'GET /v1/merchant/webhook': ['merchant'],
  'PUT /v1/merchant/webhook': ['merchant'],
  // Reviewers.
  'GET /v1/analyst/merchant-applications': ['reviewer'],
  'GET /v1/analyst/merchant-applications/{id}': ['reviewer'],
  'POST /v1/analyst/merchant-applications/{id}/approve': ['reviewer'],
  'POST /v1/analyst/merchant-applications/{id}/reject': ['reviewer'],
  'POST /v1/analyst/merchant-applications/{id}/request-info': ['reviewer'],
  // Privacy officers and admins.
  'GET /v1/analyst/audit': ['privacy_officer', 'admin'],
  'POST /v1/analyst/audit/verify': ['privacy_officer', 'admin'],
  'GET /v1/analyst/audit/checkpoints': ['privacy_officer', 'admin'],
  'POST /v1/analyst/audit/checkpoints': ['privacy_officer', 'admin'],
  'POST /v1/analyst/subjects/{subject_id}/unmask': ['privacy_officer'],
  'GET /v1/admin/data-requests': ['admin', 'privacy_officer'],
  // Admins.
  'GET /v1/admin/billing': ['admin'],
  'POST /v1/admin/retention/run': ['admin'],
  'POST /v1/admin/merchant-applications/{id}/activate': ['admin'],
  'POST /v1/admin/merchant-applications/{id}/suspend': ['admin'],
  'POST /v1/admin/merchant-applications/{id}/close': ['admin'],
  'GET /v1/admin/merchant-webhooks/dead-letters': ['admin'],
  'POST /v1/admin/merchant-webhooks/dead-letters/{id}/replay': ['admin'],
};

/** Syntactically valid stand-ins, so a call passes validation and reaches authorisation and ownership checks. */
const PARAMETER_VALUES: Record<string, string> = { list: 'device_block', purpose: 'marketing', version: '1', subject_id: 'someone-else' };
const pathOf = (operation: Operation): string =>
  operation.pathParams.reduce((path, name) => path.replace(`{${name}}`, PARAMETER_VALUES[name] ?? randomUUID()), operation.path);
const nameOf = (operation: Operation): string => `${operation.method} ${operation.path}`;

describe('role matrix', () => {
  let operations: Operation[] = [];
  const tokens = new Map<Role, string>();
  let expired = '';
  let wrongKey = '';

  beforeAll(async () => {
    operations = operationsOf((await api<OpenApiDocument>('GET', '/docs-json')).body).filter((operation) => operation.method !== 'HEAD');
    for (const role of ROLES) tokens.set(role, (await tokenFor([role], { merchantId: role === 'merchant' ? `m-${randomUUID()}` : undefined })).token);
    expired = await signDevToken({ sub: 'expired-user', roles: ['admin'] }, { secret: inject('jwtSecret'), expiresAt: Math.floor(Date.now() / 1000) - 60 });
    wrongKey = await signDevToken({ sub: 'forger', roles: ['admin'] }, { secret: 'not-the-gateway-secret-at-all-0123456789' });
  });

  it('has exactly one expected line per route, matching what the route declares', () => {
    const declared = Object.fromEntries(
      operations.map((operation) => [nameOf(operation), operation.roles.includes('public') ? 'public' : [...operation.roles].sort()]),
    );
    const expected = Object.fromEntries(Object.entries(EXPECTED).map(([name, roles]) => [name, roles === 'public' ? 'public' : [...roles].sort()]));
    expect(declared).toEqual(expected);
  });

  it('answers every protected route 401 without a token, with an expired token and with a forged one', async () => {
    const wrong: string[] = [];
    for (const operation of operations.filter((candidate) => EXPECTED[nameOf(candidate)] !== 'public')) {
      for (const [label, token, code] of [
        ['no token', undefined, 'UNAUTHENTICATED'],
        ['expired', expired, 'TOKEN_EXPIRED'],
        ['wrong key', wrongKey, 'TOKEN_INVALID'],
      ] as const) {
        const response = await api(operation.method, pathOf(operation), { token, body: operation.method === 'GET' ? undefined : {} });
        if (response.status !== 401 || (response.body as { code?: string }).code !== code) wrong.push(`${nameOf(operation)} ${label}: ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 to every role a route does not list, and never 401/403 to one it does', async () => {
    const wrong: string[] = [];
    for (const operation of operations) {
      const allowed = EXPECTED[nameOf(operation)];
      if (allowed === 'public' || !allowed) continue;
      for (const role of ROLES) {
        const response = await api(operation.method, pathOf(operation), { token: tokens.get(role), body: operation.method === 'GET' ? undefined : {} });
        const permitted = allowed.includes(role);
        if (!permitted && response.status !== 403) wrong.push(`${nameOf(operation)} as ${role}: ${response.status}, expected 403`);
        if (permitted && (response.status === 401 || response.status === 403)) wrong.push(`${nameOf(operation)} as ${role}: ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lets public operations through without a token', async () => {
    await expect(api('GET', '/healthz')).resolves.toMatchObject({ status: 200 });
    expect([200, 503]).toContain((await api('GET', '/readyz')).status);
  });
});

describe('ownership: another owner’s resource is 404, exactly like a missing one', () => {
  it('hides a KYC session from another user', async () => {
    const owner = await tokenFor(['user']);
    const other = await tokenFor(['user']);
    const created = await api<{ id: string }>('POST', '/v1/kyc/sessions', { token: owner.token, body: { target_level: 'L1' } });
    expect(created.status).toBe(201);
    const theirs = await api('GET', `/v1/kyc/sessions/${created.body.id}`, { token: other.token });
    const missing = await api('GET', `/v1/kyc/sessions/${randomUUID()}`, { token: other.token });
    expect([theirs.status, missing.status]).toEqual([404, 404]);
    expect((theirs.body as { code: string }).code).toBe((missing.body as { code: string }).code);
    await expect(
      api('POST', `/v1/kyc/sessions/${created.body.id}/identity`, { token: other.token, body: { name: '张三', id_number: '11010519491231002X' } }),
    ).resolves.toMatchObject({ status: 404 });
  });

  it('hides a data request from another user', async () => {
    const owner = await tokenFor(['user']);
    const other = await tokenFor(['user']);
    const created = await api<{ id: string }>('POST', '/v1/me/data-requests', { token: owner.token, body: { type: 'ACCESS' } });
    expect(created.status).toBe(201);
    await expect(api('GET', `/v1/me/data-requests/${created.body.id}`, { token: other.token })).resolves.toMatchObject({ status: 404 });
  });

  it('hides a merchant application and document from another merchant', async () => {
    const owner = await tokenFor(['merchant'], { merchantId: `m-${randomUUID()}` });
    const other = await tokenFor(['merchant'], { merchantId: `m-${randomUUID()}` });
    const created = await api<{ id: string }>('POST', '/v1/merchant/applications', {
      token: owner.token,
      body: { business_code: `biz-${randomUUID()}`, type: 'INDIVIDUAL' },
    });
    expect(created.status).toBe(201);
    for (const [method, suffix] of [
      ['GET', ''],
      ['PATCH', ''],
      ['POST', '/submit'],
    ] as const) {
      const response = await api(method, `/v1/merchant/applications/${created.body.id}${suffix}`, {
        token: other.token,
        body: method === 'GET' ? undefined : {},
      });
      expect(response.status, `${method} ${suffix}`).toBe(404);
    }
    const form = new FormData();
    form.append('kind', 'STORE_PHOTO');
    form.append('file', new Blob([readFileSync(loadSandboxFixtures().photo('stranger-01.jpg').path)]), 'store.jpg');
    const uploaded = await fetch(`${inject('gatewayUrl')}/v1/merchant/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.token}` },
      body: form,
    });
    const document = (await uploaded.json()) as { id?: string };
    expect(uploaded.status).toBe(201);
    await expect(api('GET', `/v1/merchant/documents/${document.id}`, { token: other.token })).resolves.toMatchObject({ status: 404 });
  });
});
