import { signDevToken } from '#libs/testing';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadSandboxFixtures } from '../../apps/sandbox-verifiers/src/fixtures/index.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { operationsOf, type OpenApiDocument, type Operation } from '../fuzz/openapi-operations.js';
import { api, tokenFor } from './support/api.js';
import { phone } from './support/devices.js';

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

/** What this run checked, printed at the end (docs/reliability.md quotes it). */
const figures = { protectedRoutes: 0, publicRoutes: 0, unauthenticatedCalls: 0, roleCalls: 0, publicCalls: 0, ownershipCases: 0, ownershipCalls: 0 };
afterAll(() => {
  const f = figures;
  process.stdout.write(
    `\nrole matrix: ${f.protectedRoutes + f.publicRoutes} routes (${f.protectedRoutes} protected, ${f.publicRoutes} public); ` +
      `${f.unauthenticatedCalls} calls without valid credentials, ${f.roleCalls} calls as each role, ${f.publicCalls} public calls, ` +
      `${f.unauthenticatedCalls + f.roleCalls} protected calls in all; ownership: ${f.ownershipCases} cases, ${f.ownershipCalls} calls\n`,
  );
});

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
    const protectedOperations = operations.filter((candidate) => EXPECTED[nameOf(candidate)] !== 'public');
    figures.protectedRoutes = protectedOperations.length;
    for (const operation of protectedOperations) {
      for (const [label, token, code] of [
        ['no token', undefined, 'UNAUTHENTICATED'],
        ['expired', expired, 'TOKEN_EXPIRED'],
        ['wrong key', wrongKey, 'TOKEN_INVALID'],
      ] as const) {
        const response = await api(operation.method, pathOf(operation), { token, body: operation.method === 'GET' ? undefined : {} });
        figures.unauthenticatedCalls++;
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
        figures.roleCalls++;
        const permitted = allowed.includes(role);
        if (!permitted && response.status !== 403) wrong.push(`${nameOf(operation)} as ${role}: ${response.status}, expected 403`);
        if (permitted && (response.status === 401 || response.status === 403)) wrong.push(`${nameOf(operation)} as ${role}: ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lets public operations through without a token', async () => {
    const publicOperations = operations.filter((operation) => EXPECTED[nameOf(operation)] === 'public');
    figures.publicRoutes = publicOperations.length;
    const answers: Record<string, number> = {};
    for (const operation of publicOperations) {
      answers[nameOf(operation)] = (await api(operation.method, pathOf(operation))).status;
      figures.publicCalls++;
    }
    expect(answers).toEqual(Object.fromEntries(publicOperations.map((operation) => [nameOf(operation), 200])));
  });
});

/** What two owners hold: a user's KYC session and data request, a merchant's application and document. */
interface Owned {
  user: string;
  session: string;
  data_request: string;
  application: string;
  document: string;
}
type Caller = 'user' | 'merchant';

const fixtures = loadSandboxFixtures();
const FACE = readFileSync(fixtures.photo('stranger-01.jpg').path).toString('base64');

/**
 * Ownership, written once. Each line: who calls (a user or merchant who owns
 * a session or an application of its own, not this one), the route with the owner's resource in braces (filled in from
 * `Owned`), the body, and the answer. The same call with a missing id in place
 * of the resource must get exactly the same answer (a 404 does not tell
 * "someone else's" from "none"); the owner's own call must get `owner`, which
 * shows the refusal comes from ownership and not from the request. The owner
 * does not submit the ID factor: that would run a real check against the
 * sandbox authority.
 */
type Answer = [status: number, code?: string];
const OWNERSHIP: Array<{ as: Caller; call: string; body?: Record<string, unknown>; answer: Answer; owner?: Answer }> = [
  { as: 'user', call: 'GET /v1/kyc/sessions/{session}', answer: [404, 'SESSION_NOT_FOUND'], owner: [200] },
  { as: 'user', call: 'POST /v1/kyc/sessions/{session}/identity', body: { name: '张三', id_number: '11010519491231002X' }, answer: [404, 'SESSION_NOT_FOUND'] },
  {
    as: 'user',
    call: 'POST /v1/kyc/sessions/{session}/liveness',
    body: { liveness_score: 92, face_image: FACE },
    answer: [404, 'SESSION_NOT_FOUND'],
    owner: [409, 'IDENTITY_NOT_VERIFIED'],
  },
  {
    as: 'user',
    call: 'POST /v1/kyc/sessions/{session}/bank-card',
    body: { card_number: '6222020200112233445', phone: '13800138000' },
    answer: [404, 'SESSION_NOT_FOUND'],
    owner: [409, 'IDENTITY_NOT_VERIFIED'],
  },
  { as: 'user', call: 'GET /v1/me/data-requests/{data_request}', answer: [404, 'DATA_REQUEST_NOT_FOUND'], owner: [200] },
  {
    as: 'user',
    call: 'POST /v1/risk/assessments',
    body: { event_type: 'LOGIN', subject_id: '{user}', device: phone(), ip: '10.9.8.7' },
    answer: [403, 'SUBJECT_MISMATCH'],
    owner: [200],
  },
  { as: 'merchant', call: 'GET /v1/merchant/applications/{application}', answer: [404, 'APPLICATION_NOT_FOUND'], owner: [200] },
  { as: 'merchant', call: 'PATCH /v1/merchant/applications/{application}', body: {}, answer: [404, 'APPLICATION_NOT_FOUND'], owner: [200] },
  {
    as: 'merchant',
    call: 'POST /v1/merchant/applications/{application}/submit',
    body: {},
    answer: [404, 'APPLICATION_NOT_FOUND'],
    owner: [400, 'APPLICATION_INCOMPLETE'],
  },
  {
    as: 'merchant',
    call: 'POST /v1/merchant/applications/{application}/upgrades',
    body: { target_level: 'L2' },
    answer: [404, 'APPLICATION_NOT_FOUND'],
    owner: [409, 'UPGRADE_NOT_ALLOWED'],
  },
  { as: 'merchant', call: 'GET /v1/merchant/documents/{document}', answer: [404, 'DOCUMENT_NOT_FOUND'], owner: [200] },
];

/** Replaces `{name}` with `values[name]` in a path or in any string of a body. */
function fill<T>(template: T, values: Record<string, string>): T {
  if (typeof template === 'string') return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole) as T;
  if (Array.isArray(template)) return template.map((item: unknown) => fill(item, values)) as T;
  if (template && typeof template === 'object') return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, fill(value, values)])) as T;
  return template;
}

describe('ownership: another owner’s resource is refused, a 404 exactly like a missing one', () => {
  const owners = new Map<Caller, string>();
  const intruders = new Map<Caller, string>();
  let owned: Owned;

  beforeAll(async () => {
    const user = await tokenFor(['user']);
    const merchant = await tokenFor(['merchant'], { merchantId: `m-${randomUUID()}` });
    const otherUser = await tokenFor(['user']);
    const otherMerchant = await tokenFor(['merchant'], { merchantId: `m-${randomUUID()}` });
    owners.set('user', user.token).set('merchant', merchant.token);
    intruders.set('user', otherUser.token).set('merchant', otherMerchant.token);
    // The intruders own resources of their own: what they reach must still be only theirs.
    const theirs = [
      await api('POST', '/v1/kyc/sessions', { token: otherUser.token, body: { target_level: 'L3' } }),
      await api('POST', '/v1/merchant/applications', { token: otherMerchant.token, body: { business_code: `biz-${randomUUID()}`, type: 'INDIVIDUAL' } }),
    ];
    expect(theirs.map((response) => response.status)).toEqual([201, 201]);

    const session = await api<{ id: string }>('POST', '/v1/kyc/sessions', { token: user.token, body: { target_level: 'L3' } });
    const dataRequest = await api<{ id: string }>('POST', '/v1/me/data-requests', { token: user.token, body: { type: 'ACCESS' } });
    const application = await api<{ id: string }>('POST', '/v1/merchant/applications', {
      token: merchant.token,
      body: { business_code: `biz-${randomUUID()}`, type: 'INDIVIDUAL' },
    });
    const form = new FormData();
    form.append('kind', 'STORE_PHOTO');
    form.append('file', new Blob([readFileSync(fixtures.photo('stranger-01.jpg').path)]), 'store.jpg');
    const uploaded = await fetch(`${inject('gatewayUrl')}/v1/merchant/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${merchant.token}` },
      body: form,
    });
    const document = (await uploaded.json()) as { id?: string };
    expect([session.status, dataRequest.status, application.status, uploaded.status]).toEqual([201, 201, 201, 201]);
    owned = { user: user.sub, session: session.body.id, data_request: dataRequest.body.id, application: application.body.id, document: document.id! };
  });

  it.each(OWNERSHIP.map((line) => [`${line.call} by another ${line.as}`, line] as const))('%s', async (_, line) => {
    const [method, template] = line.call.split(' ') as [string, string];
    const answerOf = async (token: string | undefined, values: Record<string, string>): Promise<Answer> => {
      const response = await api<{ code?: string }>(method, fill(template, values), { token, body: fill(line.body, values) });
      figures.ownershipCalls++;
      return response.body?.code ? [response.status, response.body.code] : [response.status];
    };
    figures.ownershipCases++;
    expect(await answerOf(intruders.get(line.as), { ...owned }), 'another owner').toEqual(line.answer);
    if (template.includes('{')) {
      const missing = { ...owned, session: randomUUID(), data_request: randomUUID(), application: randomUUID(), document: randomUUID() };
      expect(await answerOf(intruders.get(line.as), missing), 'a missing id').toEqual(line.answer);
    }
    if (line.owner) expect(await answerOf(owners.get(line.as), { ...owned }), 'the owner').toEqual(line.owner);
  });
});
