import type { RiskServiceClient } from '#contracts/risk';
import { createGrpcClient, RISK_SERVICE } from '#libs/grpc';
import { creditCodeCheckChar } from '#libs/pii';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadSandboxFixtures, type FixtureAccountJson, type SandboxPerson } from '../../apps/sandbox-verifiers/src/fixtures/index.js';
import { api, tokenFor } from './support/api.js';

/**
 * Merchant onboarding end to end: HTTP to the gateway; gRPC from merchant
 * to identity (real-name check), risk (MERCHANT_ONBOARD) and privacy
 * (disclosures, audit); HTTP from merchant to the sandbox (settlement
 * account) and to webhook receivers started here.
 *
 * Timing: the merchant service must run with short retry schedules
 * (SUBMISSION_RETRY_BASE_MS, WEBHOOK_RETRY_BASE_MS, WEBHOOK_RETRY_FACTOR,
 * WEBHOOK_MAX_ATTEMPTS; see docs/merchant.md, "Testing"). The production
 * schedule (8 attempts over 14.6 hours or more) is proven with a moved
 * clock in apps/merchant's integration tests.
 *
 * Fixture people are spread over the scenarios so that no ID number meets
 * the sandbox's per-ID rate limit by accident, and no two live merchants
 * share a principal unless a test wants a duplicate.
 */

const fixtures = loadSandboxFixtures();
const sandbox = inject('sandboxUrl');

// Gateway answers of many shapes, read field by field and asserted on: `any` keeps the assertions readable.
// oxlint-disable-next-line typescript/no-explicit-any
type Json = Record<string, any>;

/** Every personal value this suite sends, for the plaintext scan at the end. */
const sent = new Set<string>();
const track = <T extends string | undefined>(value: T): T => {
  if (value) sent.add(value);
  return value;
};

const JPEG = (label: string): Buffer =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from(`JFIF merchant e2e ${label} ${randomUUID()}`), Buffer.from([0xff, 0xd9])]);
const PNG = (label: string): Buffer =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`IHDR ${label} ${randomUUID()}`)]);
const PDF = (label: string): Buffer => Buffer.from(`%PDF-1.4\n% merchant e2e ${label} ${randomUUID()}\n%%EOF\n`);

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A merchant account: a token carrying merchant_id, and helpers for its routes. */
async function newMerchant() {
  const merchantId = `m-e2e-${randomUUID()}`;
  const { token, sub } = await tokenFor(['merchant'], { merchantId });
  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => api<Json>(method, path, { token, body, headers });
  const upload = async (kind: string, bytes: Buffer, type: string, headers: Record<string, string> = {}) => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', new Blob([bytes], { type }), `${kind.toLowerCase()}.bin`);
    const response = await fetch(`${inject('gatewayUrl')}/v1/merchant/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, ...headers },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as Json, headers: response.headers };
  };
  const document = async (kind: string, bytes: Buffer, type: string): Promise<string> => {
    const uploaded = await upload(kind, bytes, type);
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    return uploaded.body['id'] as string;
  };
  return { merchantId, sub, token, call, upload, document };
}
type Merchant = Awaited<ReturnType<typeof newMerchant>>;

const staff = async (role: 'reviewer' | 'admin') => {
  const { token, sub } = await tokenFor([role]);
  return { sub, call: (method: string, path: string, body?: unknown) => api<Json>(method, path, { token, body }) };
};

function individualForm(person: SandboxPerson, account: FixtureAccountJson, docs: { front: string; back: string; store: string }) {
  return {
    owner: {
      name: track(person.name),
      id_number: track(person.idNumber),
      phone: track(person.phone),
      email: track(`${person.key}@merchant.example`),
      id_photo_front_document_id: docs.front,
      id_photo_back_document_id: docs.back,
    },
    settlement_account: { bank_name: account.bank, account_name: track(account.givenName), account_number: track(account.number) },
    store: { name: `${person.name.slice(0, 1)}记小店`, address: '北京市朝阳区建国路 88 号', photo_document_id: docs.store },
  };
}

function enterpriseForm(
  account: FixtureAccountJson,
  docs: { license: string; store?: string },
  overrides: { creditCode?: string; representative?: SandboxPerson } = {},
) {
  const company = account.company!;
  const representative = overrides.representative ?? fixtures.person(company.legalRepresentative);
  const owner = fixtures.person('p19-happy-elderly');
  return {
    company: { name: account.givenName, address: '北京市海淀区中关村大街 1 号', business_scope: '软件开发；信息技术咨询服务' },
    business_license: { credit_code: overrides.creditCode ?? company.creditCode, valid_until: 'LONG_TERM', photo_document_id: docs.license },
    legal_representative: {
      name: track(representative.name),
      id_type: 'RESIDENT_ID',
      id_number: track(representative.idNumber),
      id_valid_until: '2040-01-01',
      phone: track(representative.phone),
    },
    beneficial_owners: [
      {
        name: track(representative.name),
        address: '北京市海淀区学院路 30 号',
        id_type: 'RESIDENT_ID',
        id_number: representative.idNumber,
        id_valid_until: 'LONG_TERM',
        ownership_percent: 60,
      },
      {
        name: track(owner.name),
        address: '北京市东城区东四十条 5 号',
        id_type: 'PASSPORT',
        id_number: track('E12345678'),
        id_valid_until: '2035-05-05',
        ownership_percent: 25,
      },
    ],
    settlement_account: { bank_name: account.bank, account_name: account.givenName, account_number: track(account.number) },
  };
}

/** Builds an onboarding application with its documents, then submits it. */
async function onboardIndividual(merchant: Merchant, person: SandboxPerson, account: FixtureAccountJson) {
  const docs = {
    front: await merchant.document('ID_PHOTO_FRONT', JPEG('front'), 'image/jpeg'),
    back: await merchant.document('ID_PHOTO_BACK', PNG('back'), 'image/png'),
    store: await merchant.document('STORE_PHOTO', JPEG('store'), 'image/jpeg'),
  };
  const created = await merchant.call('POST', '/v1/merchant/applications', {
    business_code: `biz-${randomUUID()}`,
    type: 'INDIVIDUAL',
    ...individualForm(person, account, docs),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

async function onboardEnterprise(merchant: Merchant, account: FixtureAccountJson, overrides: { creditCode?: string; representative?: SandboxPerson } = {}) {
  const license = await merchant.document('BUSINESS_LICENSE', PDF('license'), 'application/pdf');
  const created = await merchant.call('POST', '/v1/merchant/applications', {
    business_code: `biz-${randomUUID()}`,
    type: 'ENTERPRISE',
    ...enterpriseForm(account, { license }, overrides),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

/** A webhook receiver that fails its first `failFirst` deliveries with 503 (or answers `gone` with 410) and records everything. */
async function startReceiver(failFirst: number) {
  const deliveries: Array<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> = [];
  let failuresLeft = failFirst;
  let gone = false;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const fail = gone || failuresLeft > 0;
      if (failuresLeft > 0) failuresLeft--;
      const status = gone ? 410 : fail ? 503 : 200;
      deliveries.push({ status, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(status, { 'content-type': 'application/json' }).end(fail ? '{"error":"down"}' : '{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/kyc`,
    deliveries,
    accepted: () => deliveries.filter((delivery) => delivery.status === 200),
    setGone: (value: boolean) => (gone = value),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The receiver side of docs/merchant.md's verification snippet. */
function verify(secret: string, header: string, body: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const expected = createHmac('sha256', secret).update(`${parts['t']}.${body}`).digest('hex');
  return parts['v1'] === expected && Math.abs(Date.now() / 1000 - Number(parts['t'])) < 300;
}

let db: pg.Client;
const receivers: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  db = new pg.Client({ connectionString: inject('e2eDatabaseUrl') });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  for (const receiver of receivers) await receiver.close();
});

describe('merchant documents', () => {
  it('accepts JPEG, PNG and PDF typed by their bytes, stores them once, and gives them back to their merchant only', async () => {
    const merchant = await newMerchant();
    const jpeg = JPEG('doc');
    const first = await merchant.upload('STORE_PHOTO', jpeg, 'application/octet-stream');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      kind: 'STORE_PHOTO',
      size: jpeg.length,
      sha256: createHash('sha256').update(jpeg).digest('hex'),
      content_type: 'image/jpeg',
    });
    expect((await merchant.upload('STORE_PHOTO', jpeg, 'image/jpeg')).body['id']).toBe(first.body['id']);
    expect((await merchant.upload('OTHER', PNG('x'), 'image/jpeg')).body).toMatchObject({ content_type: 'image/png' });
    expect((await merchant.upload('BUSINESS_LICENSE', PDF('x'), 'image/png')).body).toMatchObject({ content_type: 'application/pdf' });

    const read = await fetch(`${inject('gatewayUrl')}/v1/merchant/documents/${first.body['id']}`, { headers: { authorization: `Bearer ${merchant.token}` } });
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await read.arrayBuffer()).equals(jpeg)).toBe(true);

    const stranger = await newMerchant();
    const foreign = await stranger.call('GET', `/v1/merchant/documents/${first.body['id']}`);
    const missing = await stranger.call('GET', `/v1/merchant/documents/${randomUUID()}`);
    expect([foreign.status, foreign.body['code']]).toEqual([404, 'DOCUMENT_NOT_FOUND']);
    expect([missing.status, missing.body['code']]).toEqual([404, 'DOCUMENT_NOT_FOUND']);
  });

  it('replays an upload with the same Idempotency-Key, and refuses the key with another file', async () => {
    const merchant = await newMerchant();
    const key = `upload-${randomUUID()}`;
    const bytes = PDF('idempotent');
    const first = await merchant.upload('OTHER', bytes, 'application/pdf', { 'idempotency-key': key });
    const replay = await merchant.upload('OTHER', bytes, 'application/pdf', { 'idempotency-key': key });
    expect([first.status, replay.status, replay.body['id'], replay.headers.get('idempotent-replayed')]).toEqual([201, 201, first.body['id'], 'true']);
    const reused = await merchant.upload('OTHER', PDF('another file'), 'application/pdf', { 'idempotency-key': key });
    expect([reused.status, reused.body['code']]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('refuses other types, empty and oversized files, and a form without kind', async () => {
    const merchant = await newMerchant();
    const gif = await merchant.upload('OTHER', Buffer.from('GIF89a....'), 'image/jpeg');
    expect([gif.status, gif.body['code']]).toEqual([400, 'DOCUMENT_TYPE_UNSUPPORTED']);
    const empty = await merchant.upload('OTHER', Buffer.alloc(0), 'image/jpeg');
    expect([empty.status, empty.body['code']]).toEqual([400, 'DOCUMENT_EMPTY']);
    const big = await merchant.upload('OTHER', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(5 * 1024 * 1024)]), 'image/jpeg');
    expect([big.status, big.body['code']]).toEqual([413, 'BODY_TOO_LARGE']);
    const exactlyMax = await merchant.upload('OTHER', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(5 * 1024 * 1024 - 3)]), 'image/jpeg');
    expect(exactlyMax.status).toBe(201);
    const badKind = await merchant.upload('SELFIE', JPEG('k'), 'image/jpeg');
    expect([badKind.status, badKind.body['code']]).toEqual([400, 'VALIDATION_FAILED']);
    const json = await merchant.call('POST', '/v1/merchant/documents', { kind: 'OTHER', file: 'x' });
    expect([json.status, json.body['code']]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const reviewer = await staff('reviewer');
    expect((await reviewer.call('POST', '/v1/merchant/documents', {})).status).toBe(403);
  });
});

describe('an individual merchant from draft to active, with webhooks that fail their first 3 deliveries', () => {
  const person = fixtures.person('p19-happy-elderly');
  const account = fixtures.account('a07-p19-happy');
  const secret = `whsec_${randomUUID()}`;
  let merchant: Merchant;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let application: Json;
  let upgrade: Json;

  beforeAll(async () => {
    merchant = await newMerchant();
    receiver = await startReceiver(3);
    receivers.push(receiver);
    const webhook = await merchant.call('PUT', '/v1/merchant/webhook', { url: receiver.url, secret });
    expect(webhook.status, JSON.stringify(webhook.body)).toBe(200);
    expect(webhook.body).toEqual({ url: receiver.url, signature_header: 'X-KYC-Signature', updated_at: expect.any(String) });
    expect(JSON.stringify(webhook.body)).not.toContain(secret);
  });

  it('creates a draft idempotently by business_code, masks personal data in every view, and lets the merchant edit it', async () => {
    application = await onboardIndividual(merchant, person, account);
    expect(application).toMatchObject({ kind: 'ONBOARDING', type: 'INDIVIDUAL', status: 'DRAFT', level: 'L1', history: [] });
    expect(application['masked']['owner']).toMatchObject({
      name: '**兰',
      id_number: `${person.idNumber[0]}****************${person.idNumber.at(-1)}`,
      phone: '139****3119',
    });
    expect(application['masked']['settlement_account']['account_number']).toBe(`${account.number.slice(0, 6)}*********${account.number.slice(-4)}`);
    for (const value of [person.name, person.idNumber, person.phone, account.number]) expect(JSON.stringify(application)).not.toContain(value);

    const again = await merchant.call('POST', '/v1/merchant/applications', { business_code: application['business_code'], type: 'INDIVIDUAL' });
    expect([again.status, again.body['id']]).toEqual([200, application['id']]);

    const edited = await merchant.call('PATCH', `/v1/merchant/applications/${application['id']}`, { store: { name: '高记杂货' }, owner: { email: null } });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body['store']['name']).toBe('高记杂货');
    expect(edited.body['masked']['owner']['email']).toBeUndefined();

    const invalid = await merchant.call('PATCH', `/v1/merchant/applications/${application['id']}`, {
      owner: { id_number: '110105199003077590', phone: '12800138001' },
    });
    expect([invalid.status, invalid.body['code']]).toEqual([400, 'APPLICATION_INVALID']);
    expect(invalid.body['errors'].map((error: Json) => error.field).sort()).toEqual(['owner.id_number', 'owner.phone']);
    expect(JSON.stringify(invalid.body)).not.toContain('110105199003077590');
  });

  it('keeps another merchant out: its application is 404, exactly like one that does not exist', async () => {
    const stranger = await newMerchant();
    for (const path of [`/v1/merchant/applications/${application['id']}`, `/v1/merchant/applications/${randomUUID()}`]) {
      const response = await stranger.call('GET', path);
      expect([response.status, response.body['code']]).toEqual([404, 'APPLICATION_NOT_FOUND']);
    }
    const patched = await stranger.call('PATCH', `/v1/merchant/applications/${application['id']}`, { store: { name: 'x' } });
    expect(patched.status).toBe(404);
    const submitted = await stranger.call('POST', `/v1/merchant/applications/${application['id']}/submit`);
    expect(submitted.status).toBe(404);
  });

  it('refuses an illegal transition with 409 and a code', async () => {
    const reviewer = await staff('reviewer');
    const approveDraft = await reviewer.call('POST', `/v1/analyst/merchant-applications/${application['id']}/approve`, {});
    expect([approveDraft.status, approveDraft.body['code']]).toEqual([409, 'ILLEGAL_TRANSITION']);
    const admin = await staff('admin');
    const activateDraft = await admin.call('POST', `/v1/admin/merchant-applications/${application['id']}/activate`, {});
    expect([activateDraft.status, activateDraft.body['code']]).toEqual([409, 'ILLEGAL_TRANSITION']);
  });

  it('submits: the checks pass and the application goes to review with their results attached', async () => {
    const submitted = await merchant.call('POST', `/v1/merchant/applications/${application['id']}/submit`);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body['status']).toBe('IN_REVIEW');
    expect(submitted.body['history'].map((t: Json) => [t.from_status, t.to_status, t.actor_type])).toEqual([
      ['DRAFT', 'SUBMITTED', 'MERCHANT'],
      ['SUBMITTED', 'IN_REVIEW', 'SYSTEM'],
    ]);
    expect(submitted.body['checks']).toBeUndefined();

    const reviewer = await staff('reviewer');
    const view = await reviewer.call('GET', `/v1/analyst/merchant-applications/${application['id']}`);
    expect(view.status).toBe(200);
    const checks = Object.fromEntries(view.body['checks'].map((check: Json) => [check.check, check]));
    expect(checks).toMatchObject({
      REAL_NAME: { result: 'PASS', detail: 'MATCH' },
      SETTLEMENT_ACCOUNT: { result: 'PASS', detail: 'MATCH' },
      DUPLICATE: { result: 'PASS' },
      RISK: { result: expect.stringMatching(/^(PASS|FLAG)$/), decision_id: expect.any(String) },
    });
    expect(view.body['masked']['owner']['id_number']).not.toBe(person.idNumber);

    const editInReview = await merchant.call('PATCH', `/v1/merchant/applications/${application['id']}`, { store: { name: 'x' } });
    expect([editInReview.status, editInReview.body['code']]).toEqual([409, 'APPLICATION_NOT_EDITABLE']);
    const submitTwice = await merchant.call('POST', `/v1/merchant/applications/${application['id']}/submit`);
    expect([submitTwice.status, submitTwice.body['code']]).toEqual([409, 'ILLEGAL_TRANSITION']);
  });

  it('goes back to the merchant with per-field reasons, and is resubmitted after NEEDS_INFO', async () => {
    const reviewer = await staff('reviewer');
    const refused = await reviewer.call('POST', `/v1/analyst/merchant-applications/${application['id']}/request-info`, {
      reasons: [{ field: 'store.photo_document_id', reason: `The photo must show the shop front; call ${person.phone}` }],
    });
    expect([refused.status, refused.body['code']]).toEqual([400, 'REASON_CONTAINS_PERSONAL_DATA']);
    const asked = await reviewer.call('POST', `/v1/analyst/merchant-applications/${application['id']}/request-info`, {
      reasons: [{ field: 'store.photo_document_id', reason: 'The photo must show the shop front with its sign' }],
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body['status']).toBe('NEEDS_INFO');

    const seen = await merchant.call('GET', `/v1/merchant/applications/${application['id']}`);
    expect(seen.body['review']['reasons']).toEqual([{ field: 'store.photo_document_id', reason: 'The photo must show the shop front with its sign' }]);

    const photo = await merchant.document('STORE_PHOTO', JPEG('new store'), 'image/jpeg');
    expect((await merchant.call('PATCH', `/v1/merchant/applications/${application['id']}`, { store: { photo_document_id: photo } })).status).toBe(200);
    const resubmitted = await merchant.call('POST', `/v1/merchant/applications/${application['id']}/submit`);
    expect(resubmitted.body['status']).toBe('IN_REVIEW');
  });

  it('is approved and then activated by an admin', async () => {
    const [first, second] = [await staff('reviewer'), await staff('reviewer')];
    let approved = await first.call('POST', `/v1/analyst/merchant-applications/${application['id']}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    // Risk may flag an onboarding (REVIEW or worse): then a second, different reviewer approves too.
    if (approved.body['status'] === 'IN_REVIEW') approved = await second.call('POST', `/v1/analyst/merchant-applications/${application['id']}/approve`, {});
    expect(approved.body['status']).toBe('APPROVED');

    const admin = await staff('admin');
    const activated = await admin.call('POST', `/v1/admin/merchant-applications/${application['id']}/activate`, {});
    expect(activated.status, JSON.stringify(activated.body)).toBe(200);
    expect(activated.body).toMatchObject({ status: 'ACTIVE', merchant_id: merchant.merchantId });
    expect(activated.body['history'].at(-1)).toMatchObject({ from_status: 'APPROVED', to_status: 'ACTIVE', actor_type: 'ADMIN', actor_id: admin.sub });
  });

  it('upgrades to L2 through its own reviewed request', async () => {
    const created = await merchant.call('POST', `/v1/merchant/applications/${application['id']}/upgrades`, {
      target_level: 'L2',
      credit_card_authorization: { issuing_bank: '中国银行', account_name: person.name, card_number: track(person.bankCard!), reserved_phone: person.phone },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    upgrade = created.body;
    expect(upgrade).toMatchObject({ kind: 'UPGRADE', status: 'DRAFT', target_level: 'L2', parent_application_id: application['id'] });
    expect(upgrade['masked']['credit_card_authorization']['card_number']).not.toBe(person.bankCard);

    const second = await merchant.call('POST', `/v1/merchant/applications/${application['id']}/upgrades`, { target_level: 'L3' });
    expect([second.status, second.body['code']]).toEqual([409, 'UPGRADE_IN_PROGRESS']);

    const submitted = await merchant.call('POST', `/v1/merchant/applications/${upgrade['id']}/submit`);
    expect(submitted.body['status']).toBe('IN_REVIEW');
    const queue = await (await staff('reviewer')).call('GET', '/v1/analyst/merchant-applications?kind=UPGRADE&limit=500');
    expect(queue.body['items'].map((item: Json) => item.id)).toContain(upgrade['id']);
    const approved = await (await staff('reviewer')).call('POST', `/v1/analyst/merchant-applications/${upgrade['id']}/approve`, {});
    expect(approved.body['status']).toBe('APPROVED');
    expect((await merchant.call('GET', `/v1/merchant/applications/${application['id']}`)).body).toMatchObject({ status: 'ACTIVE', level: 'L2' });
  });

  it('delivers every status change exactly once per event id, signed, even though the receiver failed its first 3 deliveries', async () => {
    const histories = await Promise.all([application['id'], upgrade['id']].map((id) => merchant.call('GET', `/v1/merchant/applications/${id}`)));
    const expected = histories.flatMap((history) => history.body['history'].map((t: Json) => t.event_id as string));
    expect(expected.length).toBe(10);
    await waitFor(
      async () => receiver.accepted().length,
      (count) => count >= expected.length,
      'every webhook event',
      90_000,
    );
    // A little longer: a duplicate would arrive now if there were one.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    expect(receiver.deliveries.slice(0, 3).map((delivery) => delivery.status)).toEqual([503, 503, 503]);
    const accepted = receiver.accepted().map((delivery) => ({ ...delivery, event: JSON.parse(delivery.body) as Json }));
    const ids = accepted.map((delivery) => delivery.event['event_id']);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...expected].sort());
    // The failed deliveries were retried with the same event id.
    for (const failed of receiver.deliveries.filter((delivery) => delivery.status === 503)) expect(ids).toContain(JSON.parse(failed.body)['event_id']);
    for (const delivery of accepted) {
      expect(verify(secret, String(delivery.headers['x-kyc-signature']), delivery.body)).toBe(true);
      expect(verify(`${secret}x`, String(delivery.headers['x-kyc-signature']), delivery.body)).toBe(false);
      expect(delivery.headers['x-kyc-event-id']).toBe(delivery.event['event_id']);
      expect(Object.keys(delivery.event).sort()).toEqual(['application_id', 'event_id', 'event_type', 'merchant_id', 'occurred_at', 'reasons', 'status']);
      expect(delivery.event['merchant_id']).toBe(merchant.merchantId);
      for (const value of [person.name, person.idNumber, person.phone, account.number, person.bankCard!]) expect(delivery.body).not.toContain(value);
    }
    const byEvent = new Map(accepted.map((delivery) => [delivery.event['event_id'], delivery.event]));
    const needsInfo = histories[0]!.body['history'].find((t: Json) => t.to_status === 'NEEDS_INFO');
    expect(byEvent.get(needsInfo.event_id)).toMatchObject({ event_type: 'application.status_changed', status: 'NEEDS_INFO', reasons: needsInfo.reasons });
    const upgraded = histories[1]!.body['history'].at(-1);
    expect(byEvent.get(upgraded.event_id)).toMatchObject({ event_type: 'upgrade.status_changed', application_id: upgrade['id'], status: 'APPROVED' });

    const { rows } = await db.query("SELECT count(*)::int AS n FROM privacy.disclosures WHERE recipient_id = 'merchant-webhook' AND subject_id = $1", [
      merchant.merchantId,
    ]);
    expect(rows[0].n).toBeGreaterThanOrEqual(expected.length + 3);
  });

  it('suspends and closes with reasons, each recorded in the history and the audit log', async () => {
    const admin = await staff('admin');
    const noReason = await admin.call('POST', `/v1/admin/merchant-applications/${application['id']}/suspend`, { reasons: [] });
    expect([noReason.status, noReason.body['code']]).toEqual([400, 'VALIDATION_FAILED']);
    const suspended = await admin.call('POST', `/v1/admin/merchant-applications/${application['id']}/suspend`, {
      reasons: [{ field: 'application', reason: 'Chargeback ratio above the contractual limit' }],
    });
    expect(suspended.body).toMatchObject({
      status: 'SUSPENDED',
      review: { reasons: [{ field: 'application', reason: 'Chargeback ratio above the contractual limit' }] },
    });
    const upgradeWhileSuspended = await merchant.call('POST', `/v1/merchant/applications/${application['id']}/upgrades`, { target_level: 'L3' });
    expect([upgradeWhileSuspended.status, upgradeWhileSuspended.body['code']]).toEqual([409, 'UPGRADE_NOT_ALLOWED']);
    const closed = await admin.call('POST', `/v1/admin/merchant-applications/${application['id']}/close`, {
      reasons: [{ field: 'application', reason: 'Merchant asked to leave' }],
    });
    expect(closed.body['status']).toBe('CLOSED');
    const reopen = await admin.call('POST', `/v1/admin/merchant-applications/${application['id']}/activate`, {
      reasons: [{ field: 'application', reason: 'x' }],
    });
    expect([reopen.status, reopen.body['code']]).toEqual([409, 'ILLEGAL_TRANSITION']);

    const audit = await waitFor(
      async () =>
        (await db.query("SELECT type, payload FROM privacy.audit_log WHERE source = 'merchant' AND payload->>'application_id' = $1", [application['id']])).rows,
      (rows) => rows.filter((row) => row.type === 'MERCHANT_STATUS_CHANGED').length >= 9,
      'audit entries of every status change',
    );
    const statusChanges = audit.filter((row) => row.type === 'MERCHANT_STATUS_CHANGED').map((row) => row.payload.to);
    expect(statusChanges).toEqual(expect.arrayContaining(['SUBMITTED', 'IN_REVIEW', 'NEEDS_INFO', 'APPROVED', 'ACTIVE', 'SUSPENDED', 'CLOSED']));
    expect(audit.filter((row) => row.type === 'REVIEW_DECISION').map((row) => row.payload.decision)).toEqual(
      expect.arrayContaining(['REQUEST_INFO', 'APPROVE']),
    );
  });
});

describe('an enterprise merchant from draft to active', () => {
  const account = fixtures.account('e01-happy');
  let merchant: Merchant;
  let application: Json;

  it('is checked (credit code, legal representative, corporate account, risk) and goes to review', async () => {
    merchant = await newMerchant();
    application = await onboardEnterprise(merchant, account);
    expect(application['business_license']).toMatchObject({ credit_code: account.company!.creditCode, valid_until: 'LONG_TERM' });
    expect(application['masked']['beneficial_owners']).toHaveLength(2);
    // A company's account name is its registered name: shown; the number is masked.
    expect(application['masked']['settlement_account']).toMatchObject({ account_name: account.givenName });
    const submitted = await merchant.call('POST', `/v1/merchant/applications/${application['id']}/submit`);
    expect(submitted.body['status'], JSON.stringify(submitted.body)).toBe('IN_REVIEW');
    const view = await (await staff('reviewer')).call('GET', `/v1/analyst/merchant-applications/${application['id']}`);
    expect(view.body['checks']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ check: 'CREDIT_CODE', result: 'PASS' }),
        expect.objectContaining({ check: 'REAL_NAME', result: 'PASS' }),
      ]),
    );
  });

  it('is rejected as a duplicate when another merchant applies with the same credit code', async () => {
    const other = await newMerchant();
    const duplicate = await onboardEnterprise(other, account, { representative: fixtures.person('p21-happy-visa-card') });
    const submitted = await other.call('POST', `/v1/merchant/applications/${duplicate['id']}/submit`);
    expect(submitted.body).toMatchObject({
      status: 'REJECTED',
      review: { reasons: [{ field: 'business_license.credit_code', reason: 'DUPLICATE_MERCHANT' }] },
    });
    const resubmit = await other.call('POST', `/v1/merchant/applications/${duplicate['id']}/submit`);
    expect([resubmit.status, resubmit.body['code']]).toEqual([409, 'ILLEGAL_TRANSITION']);
  });

  it('is approved and activated', async () => {
    const reviewer = await staff('reviewer');
    let approved = await reviewer.call('POST', `/v1/analyst/merchant-applications/${application['id']}/approve`, {});
    if (approved.body['status'] === 'IN_REVIEW')
      approved = await (await staff('reviewer')).call('POST', `/v1/analyst/merchant-applications/${application['id']}/approve`, {});
    expect(approved.body['status']).toBe('APPROVED');
    const activated = await (await staff('admin')).call('POST', `/v1/admin/merchant-applications/${application['id']}/activate`, {});
    expect(activated.body['status']).toBe('ACTIVE');
  });

  it('detects the same legal representative on another live merchant, and refuses a wrong credit code check character', async () => {
    const representative = fixtures.person(account.company!.legalRepresentative);
    const other = await newMerchant();
    const code17 = `91110105${'ABCDEFGHJ'}`;
    const sameRepresentative = await onboardEnterprise(other, fixtures.account('e03-happy'), {
      representative,
      creditCode: code17 + creditCodeCheckChar(code17),
    });
    const submitted = await other.call('POST', `/v1/merchant/applications/${sameRepresentative['id']}/submit`);
    expect(submitted.body['review']['reasons']).toEqual(expect.arrayContaining([{ field: 'legal_representative.id_number', reason: 'DUPLICATE_MERCHANT' }]));

    const third = await newMerchant();
    const valid = fixtures.account('e03-happy').company!.creditCode;
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const badCode = await onboardEnterprise(third, fixtures.account('e03-happy'), { creditCode: wrongCheck });
    const rejected = await third.call('POST', `/v1/merchant/applications/${badCode['id']}/submit`);
    expect(rejected.body).toMatchObject({
      status: 'REJECTED',
      review: { reasons: [{ field: 'business_license.credit_code', reason: 'CREDIT_CODE_CHECK_DIGIT' }] },
    });
  });
});

describe('automated rejections and the reviewer rejection', () => {
  it('rejects a mismatched name with a per-field reason, without a review', async () => {
    const merchant = await newMerchant();
    const person = fixtures.person('p05-name-mismatch');
    const application = await onboardIndividual(merchant, person, fixtures.account('a05-p05-name-mismatch'));
    const submitted = await merchant.call('POST', `/v1/merchant/applications/${application['id']}/submit`);
    expect(submitted.body).toMatchObject({
      status: 'REJECTED',
      review: { reasons: expect.arrayContaining([{ field: 'owner.name', reason: 'NAME_MISMATCH' }]) },
    });
    expect(submitted.body['history'].at(-1)).toMatchObject({ from_status: 'SUBMITTED', to_status: 'REJECTED', actor_type: 'SYSTEM' });
  });

  it('rejects a settlement account held under another name before asking the verifier', async () => {
    const merchant = await newMerchant();
    const person = fixtures.person('p21-happy-visa-card');
    const docs = {
      front: await merchant.document('ID_PHOTO_FRONT', JPEG('f'), 'image/jpeg'),
      back: await merchant.document('ID_PHOTO_BACK', JPEG('b'), 'image/jpeg'),
      store: await merchant.document('STORE_PHOTO', JPEG('s'), 'image/jpeg'),
    };
    const form = individualForm(person, fixtures.account('a09-p21-happy'), docs);
    form.settlement_account.account_name = '何某某';
    const created = await merchant.call('POST', '/v1/merchant/applications', { business_code: 'own-code-1', type: 'INDIVIDUAL', ...form });
    const submitted = await merchant.call('POST', `/v1/merchant/applications/${created.body['id']}/submit`);
    expect(submitted.body).toMatchObject({
      status: 'REJECTED',
      review: { reasons: [{ field: 'settlement_account.account_name', reason: 'ACCOUNT_NAME_MISMATCH' }] },
    });
  });

  it("detects an individual merchant whose owner is already a live enterprise's legal representative", async () => {
    // p20 represents e01, which is live (see above).
    const merchant = await newMerchant();
    const application = await onboardIndividual(merchant, fixtures.person('p20-happy-leap-day'), fixtures.account('a08-p20-happy'));
    const submitted = await merchant.call('POST', `/v1/merchant/applications/${application['id']}/submit`);
    expect(submitted.body).toMatchObject({ status: 'REJECTED', review: { reasons: [{ field: 'owner.id_number', reason: 'DUPLICATE_MERCHANT' }] } });
  });

  it('refuses an incomplete submission, and lets a reviewer reject with field reasons', async () => {
    const other = await newMerchant();
    const incomplete = await other.call('POST', '/v1/merchant/applications', { business_code: 'incomplete', type: 'INDIVIDUAL', store: { name: '小店' } });
    const refused = await other.call('POST', `/v1/merchant/applications/${incomplete.body['id']}/submit`);
    expect([refused.status, refused.body['code']]).toEqual([400, 'APPLICATION_INCOMPLETE']);
    expect(refused.body['errors'].map((error: Json) => error.field)).toEqual(
      expect.arrayContaining(['owner.name', 'owner.id_number', 'settlement_account.account_number', 'store.photo_document_id']),
    );

    const person = fixtures.person('p22-happy-credit-card');
    const ready = await onboardIndividual(other, person, fixtures.account('a10-p22-happy'));
    expect((await other.call('POST', `/v1/merchant/applications/${ready['id']}/submit`)).body['status']).toBe('IN_REVIEW');
    const reviewer = await staff('reviewer');
    const noReasons = await reviewer.call('POST', `/v1/analyst/merchant-applications/${ready['id']}/reject`, { reasons: [] });
    expect([noReasons.status, noReasons.body['code']]).toEqual([400, 'VALIDATION_FAILED']);
    const rejected = await reviewer.call('POST', `/v1/analyst/merchant-applications/${ready['id']}/reject`, {
      reasons: [
        { field: 'store.photo_document_id', reason: 'The photo is of another shop' },
        { field: 'owner.id_photo_back_document_id', reason: 'Unreadable' },
      ],
    });
    expect(rejected.body).toMatchObject({ status: 'REJECTED' });
    const seen = await other.call('GET', `/v1/merchant/applications/${ready['id']}`);
    expect(seen.body['review']['reasons']).toEqual([
      { field: 'store.photo_document_id', reason: 'The photo is of another shop' },
      { field: 'owner.id_photo_back_document_id', reason: 'Unreadable' },
    ]);
    const edit = await other.call('PATCH', `/v1/merchant/applications/${ready['id']}`, { store: { name: 'x' } });
    expect([edit.status, edit.body['code']]).toEqual([409, 'APPLICATION_NOT_EDITABLE']);
  });
});

describe('the two-reviewer rule', () => {
  it('needs two different reviewers when risk says DENY (the legal representative is on the ID block list)', async () => {
    // p24 is reserved for this: putting a shared fixture person on the block list would change other suites' risk decisions.
    const account = fixtures.account('e06-blocked-rep');
    const representative = fixtures.person(account.company!.legalRepresentative);
    const risk = createGrpcClient<RiskServiceClient>(RISK_SERVICE, { address: `127.0.0.1:${inject('grpcPorts').risk}` });
    try {
      await risk.client.addListEntry({
        caller: { subjectId: 'merchant-e2e-analyst', roles: ['risk_analyst'] },
        list: 'id_block',
        value: representative.idNumber,
        reason: 'merchant e2e',
      });
    } finally {
      risk.close();
    }
    const merchant = await newMerchant();
    const application = await onboardEnterprise(merchant, account);
    const submitted = await merchant.call('POST', `/v1/merchant/applications/${application['id']}/submit`);
    expect(submitted.body).toMatchObject({ status: 'IN_REVIEW', review: { approvals: 0, approvals_required: 2 } });
    const [first, second] = [await staff('reviewer'), await staff('reviewer')];
    const view = await first.call('GET', `/v1/analyst/merchant-applications/${application['id']}`);
    expect(view.body['checks']).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'RISK', result: 'FLAG', detail: 'DENY' })]));

    const once = await first.call('POST', `/v1/analyst/merchant-applications/${application['id']}/approve`, {});
    expect(once.body).toMatchObject({ status: 'IN_REVIEW', review: { approvals: 1, approvals_required: 2 } });
    const twice = await first.call('POST', `/v1/analyst/merchant-applications/${application['id']}/approve`, {});
    expect([twice.status, twice.body['code']]).toEqual([409, 'SECOND_REVIEWER_REQUIRED']);
    const approved = await second.call('POST', `/v1/analyst/merchant-applications/${application['id']}/approve`, {});
    expect(approved.body).toMatchObject({ status: 'APPROVED', review: { approvals: 2, approvals_required: 2 } });
    expect(approved.body['review']['decisions'].map((decision: Json) => decision.reviewer_id)).toEqual([first.sub, second.sub]);
  });
});

describe('an upstream outage during submit', () => {
  it('leaves the application SUBMITTED, neither lost nor rejected, until the background job gets through', async () => {
    // p23 is reserved for this: the ID authority refuses its ID number once its per-ID rate limit is exhausted.
    const person = fixtures.person('p23-merchant-owner');
    for (let i = 0; i < 20; i++) {
      await fetch(`${sandbox}/faceid/v1/id-card-verification`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ IdCard: person.idNumber, Name: person.name }),
      });
    }
    const merchant = await newMerchant();
    const application = await onboardIndividual(merchant, person, fixtures.account('a12-p23-happy'));
    const submitted = await merchant.call('POST', `/v1/merchant/applications/${application['id']}/submit`);
    expect(submitted.body['status'], JSON.stringify(submitted.body)).toBe('SUBMITTED');
    const staffView = await (await staff('reviewer')).call('GET', `/v1/analyst/merchant-applications/${application['id']}`);
    expect(staffView.body['checks']).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'REAL_NAME', result: 'UNAVAILABLE' })]));
    const queued = await (await staff('reviewer')).call('GET', '/v1/analyst/merchant-applications?status=SUBMITTED&limit=500');
    expect(queued.body['items'].map((item: Json) => item.id)).toContain(application['id']);

    // Still waiting a few retries later: the outage is not held against the merchant.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await merchant.call('GET', `/v1/merchant/applications/${application['id']}`)).body['status']).toBe('SUBMITTED');

    expect((await fetch(`${sandbox}/__sandbox/rate-limits`, { method: 'DELETE' })).status).toBe(204);
    const recovered = await waitFor(
      () => merchant.call('GET', `/v1/merchant/applications/${application['id']}`),
      (response) => response.body['status'] !== 'SUBMITTED',
      'the retried submission',
    );
    expect(recovered.body['status']).toBe('IN_REVIEW');
    expect(recovered.body['history'].map((t: Json) => t.to_status)).toEqual(['SUBMITTED', 'IN_REVIEW']);
  });
});

describe('dead-lettered webhooks', () => {
  // Running out of attempts (6 or more over 12 hours or more) dead-letters too: proven with a moved clock in
  // apps/merchant's integration tests. Here the receiver answers 410 Gone, which dead-letters at once.
  it('land in a dead-letter list an admin can read, and are delivered once replayed', async () => {
    const receiver = await startReceiver(0);
    receivers.push(receiver);
    receiver.setGone(true);
    const merchant = await newMerchant();
    expect((await merchant.call('PUT', '/v1/merchant/webhook', { url: receiver.url, secret: `whsec_${randomUUID()}` })).status).toBe(200);
    // SUBMITTED, then REJECTED by a local check (the account name is not the owner's): two events, no upstream call.
    const person = fixtures.person('p04-happy-minority-name');
    const docs = {
      front: await merchant.document('ID_PHOTO_FRONT', JPEG('f'), 'image/jpeg'),
      back: await merchant.document('ID_PHOTO_BACK', JPEG('b'), 'image/jpeg'),
      store: await merchant.document('STORE_PHOTO', JPEG('s'), 'image/jpeg'),
    };
    const form = individualForm(person, fixtures.account('a04-p04-happy'), docs);
    form.settlement_account.account_name = '某某商行';
    const application = (await merchant.call('POST', '/v1/merchant/applications', { business_code: 'dead-letters', type: 'INDIVIDUAL', ...form })).body;
    expect((await merchant.call('POST', `/v1/merchant/applications/${application['id']}/submit`)).body['status']).toBe('REJECTED');
    const admin = await staff('admin');

    const dead = await waitFor(
      () => admin.call('GET', `/v1/admin/merchant-webhooks/dead-letters?merchant_id=${merchant.merchantId}`),
      (response) => response.body['items']?.length >= 2,
      'dead-lettered webhooks',
      90_000,
    );
    expect(dead.body['items'][0]).toMatchObject({
      merchant_id: merchant.merchantId,
      application_id: application['id'],
      event_type: 'application.status_changed',
      status: 'SUBMITTED',
      delivery_status: 'DEAD',
      attempts: 1,
      last_error: 'The receiver answered HTTP 410 Gone',
    });
    const attemptsSoFar = receiver.deliveries.length;
    expect(attemptsSoFar).toBe(2);

    receiver.setGone(false);
    const target = dead.body['items'][0];
    const replayed = await admin.call('POST', `/v1/admin/merchant-webhooks/dead-letters/${target.id}/replay`);
    expect([replayed.status, replayed.body['delivery_status']]).toEqual([200, 'PENDING']);
    const again = await admin.call('POST', `/v1/admin/merchant-webhooks/dead-letters/${target.id}/replay`);
    expect([again.status, again.body['code']]).toEqual([404, 'DEAD_LETTER_NOT_FOUND']);
    await waitFor(
      async () => receiver.accepted().length,
      (count) => count === 1,
      'the replayed delivery',
    );
    expect(JSON.parse(receiver.accepted()[0]!.body)['event_id']).toBe(target.event_id);
    expect(receiver.deliveries.length).toBe(attemptsSoFar + 1);

    const merchantCannot = await merchant.call('GET', '/v1/admin/merchant-webhooks/dead-letters');
    expect(merchantCannot.status).toBe(403);
    const { rows } = await db.query("SELECT count(*)::int AS n FROM merchant.outbox WHERE topic = 'audit' AND payload->>'type' = 'OUTBOX_REPLAYED'");
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
  });
});

describe('plaintext scan', () => {
  it('finds no owner name, ID number, account number or phone in clear in any table', async () => {
    expect(sent.size).toBeGreaterThan(20);
    const { rows: tables } = await db.query(
      "SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema IN ('gateway', 'identity', 'privacy', 'risk', 'merchant') AND table_type = 'BASE TABLE'",
    );
    expect(tables.map((table) => table.table_schema)).toEqual(expect.arrayContaining(['gateway', 'identity', 'privacy', 'risk', 'merchant']));
    const leaks: string[] = [];
    for (const { table_schema: schema, table_name: table } of tables) {
      const { rows } = await db.query(`SELECT t::text AS row FROM "${schema}"."${table}" t`);
      for (const { row } of rows) for (const value of sent) if (row.includes(value)) leaks.push(`${schema}.${table}`);
    }
    expect([...new Set(leaks)]).toEqual([]);
  });
});
