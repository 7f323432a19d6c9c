import { BlindIndexer } from '#libs/pii';
import { containsNeedle, dumpDatabaseText } from '#libs/testing';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { loadSandboxFixtures } from '../../apps/sandbox-verifiers/src/fixtures/index.js';
import { api, tokenFor } from './support/api.js';
import { phone } from './support/devices.js';

/**
 * One data subject's whole life cycle, across every service: verified to L3,
 * assessed by risk, onboarded as a merchant; then an EXPORT, a CLOSE_ACCOUNT,
 * and a retention sweep with the legal hold forced past. What the database
 * holds of them is read after each step (issue 7, "Done when").
 */

// Gateway answers of many shapes, read field by field: `any` keeps the assertions readable.
// oxlint-disable-next-line typescript/no-explicit-any
type Json = Record<string, any>;

const fixtures = loadSandboxFixtures();
const person = fixtures.person('p02-happy');
const account = fixtures.account('a02-p02-happy');
const email = `lifecycle-${randomUUID().slice(0, 8)}@example.com`;
const indexer = new BlindIndexer(inject('blindIndexKey'));

/** The subject's personal values, in clear and as the blind indexes the services store. */
const plaintext = { name: person.name, id_number: person.idNumber, card: person.bankCard!, phone: person.phone, account: account.number, email };
const blindIndexes = {
  id_number: indexer.index('id_number', person.idNumber),
  card: indexer.index('bank_card', person.bankCard!),
  account: indexer.index('bank_card', account.number),
  phone: indexer.index('mobile', person.phone),
  name: indexer.index('name', person.name),
};

/**
 * The fixture person is also verified by other specs' subjects, whose rows hold the same blind
 * indexes: rows that held them before this subject began are someone else's and are left out.
 */
const earlierRows = new Set<string>();

/** Tables with rows that hold any of the needles (and were not there before this subject began), with what each holds. */
async function tablesHolding(needles: Record<string, string>): Promise<Record<string, string[]>> {
  const found: Record<string, Set<string>> = {};
  for (const [table, text] of await dumpDatabaseText(inject('e2eDatabaseUrl'))) {
    for (const row of text.split('\n')) {
      if (earlierRows.has(`${table}:${row}`)) continue;
      const hits = Object.entries(needles).filter(([, needle]) => containsNeedle(row, needle));
      // A partition (risk.decisions_p202611) counts as its table.
      for (const [what] of hits) (found[table.replace(/_p\d{6}$/, '')] ??= new Set()).add(what);
    }
  }
  return Object.fromEntries(Object.entries(found).map(([table, hits]) => [table, [...hits].sort()]));
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 90_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 800)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const merchantId = `m-life-${randomUUID()}`;
const subject = await tokenFor(['user', 'merchant'], { merchantId });
const call = (method: string, path: string, body?: unknown) => api<Json>(method, path, { token: subject.token, body });
const staff = async (role: string) => {
  const { token } = await tokenFor([role]);
  return (method: string, path: string, body?: unknown) => api<Json>(method, path, { token, body });
};

async function dataRequest(body: Record<string, unknown>): Promise<Json> {
  const created = await call('POST', '/v1/me/data-requests', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body).toMatchObject({ type: body['type'], status: 'RECEIVED', due_at: expect.any(String) });
  const done = await waitFor(
    () => call('GET', `/v1/me/data-requests/${created.body['id']}`),
    (reply) => ['COMPLETED', 'REFUSED'].includes(reply.body['status']),
    `${String(body['type'])} request`,
  );
  expect(done.body['status'], JSON.stringify(done.body)).toBe('COMPLETED');
  return done.body;
}

/**
 * Where the legal hold keeps the subject after CLOSE_ACCOUNT, encrypted and found by blind index only:
 * the KYC record, the merchant record, the decisions on payments and card binding, and the record of what was sent to whom.
 */
const HOLD_TABLES = ['identity.sessions', 'merchant.applications', 'privacy.disclosures', 'risk.decisions'];

const decisions: string[] = [];
let applicationId = '';

describe('a data subject from verification to erasure', () => {
  beforeAll(async () => {
    const needles = Object.values(blindIndexes);
    for (const [table, text] of await dumpDatabaseText(inject('e2eDatabaseUrl'))) {
      for (const row of text.split('\n')) if (needles.some((needle) => row.includes(needle))) earlierRows.add(`${table}:${row}`);
    }
  });

  it('verifies to L3 with ID, face and card', async () => {
    for (const purpose of ['real_name_verification', 'face_verification', 'bank_card_verification', 'risk_control']) {
      expect((await call('POST', '/v1/me/consents', { purpose, policy_version: '2026-10' })).status).toBe(201);
    }
    const session = await call('POST', '/v1/kyc/sessions', { target_level: 'L3' });
    expect(session.status).toBe(201);
    const id = session.body['id'];
    expect((await call('POST', `/v1/kyc/sessions/${id}/identity`, { name: person.name, id_number: person.idNumber })).body['result']).toBe('MATCH');
    const face = await call('POST', `/v1/kyc/sessions/${id}/liveness`, {
      liveness_score: person.livenessScore,
      face_image: fixtures.photoBase64(person.selfie),
    });
    expect(face.body['result']).toBe('MATCH');
    const card = await call('POST', `/v1/kyc/sessions/${id}/bank-card`, { card_number: person.bankCard, phone: person.phone });
    expect(card.body).toMatchObject({ result: 'MATCH', session: { level: 'L3', status: 'VERIFIED' } });
  });

  it('is assessed by risk a few times', async () => {
    const device = phone();
    for (const event_type of ['LOGIN', 'BIND_CARD', 'PAYMENT']) {
      const body = { event_type, subject_id: subject.sub, device, ip: '10.9.8.7', ...(event_type === 'PAYMENT' ? { amount: 88 } : {}) };
      const assessed = await call('POST', '/v1/risk/assessments', body);
      expect(assessed.status, JSON.stringify(assessed.body)).toBe(200);
      decisions.push(assessed.body['decision_id']);
    }
    // One from a rooted emulator, so the export has a decision with reasons to show.
    const risky = await call('POST', '/v1/risk/assessments', {
      event_type: 'LOGIN',
      subject_id: subject.sub,
      device: phone({ rooted: true, emulator: true }),
      ip: '10.9.8.7',
    });
    expect(risky.status, JSON.stringify(risky.body)).toBe(200);
    expect(risky.body['reasons'].length).toBeGreaterThan(0);
    decisions.push(risky.body['decision_id']);
  });

  it('onboards as a merchant, approved and active', async () => {
    const upload = async (kind: string, bytes: Buffer, type: string): Promise<string> => {
      const form = new FormData();
      form.append('kind', kind);
      form.append('file', new Blob([bytes], { type }), `${kind.toLowerCase()}.jpg`);
      const response = await fetch(`${inject('gatewayUrl')}/v1/merchant/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${subject.token}` },
        body: form,
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as Json)['id'];
    };
    const jpeg = (label: string) =>
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`lifecycle ${label} ${randomUUID()}`), Buffer.from([0xff, 0xd9])]);
    const created = await call('POST', '/v1/merchant/applications', {
      business_code: `life-${randomUUID()}`,
      type: 'INDIVIDUAL',
      owner: {
        name: person.name,
        id_number: person.idNumber,
        phone: person.phone,
        email,
        id_photo_front_document_id: await upload('ID_PHOTO_FRONT', jpeg('front'), 'image/jpeg'),
        id_photo_back_document_id: await upload('ID_PHOTO_BACK', jpeg('back'), 'image/jpeg'),
      },
      settlement_account: { bank_name: account.bank, account_name: account.givenName, account_number: account.number },
      store: { name: '王记便利店', address: '上海市徐汇区漕溪北路 100 号', photo_document_id: await upload('STORE_PHOTO', jpeg('store'), 'image/jpeg') },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    applicationId = created.body['id'];
    const submitted = await call('POST', `/v1/merchant/applications/${applicationId}/submit`);
    expect(submitted.body['status'], JSON.stringify(submitted.body)).toBe('IN_REVIEW');
    const reviewer = await staff('reviewer');
    expect((await reviewer('POST', `/v1/analyst/merchant-applications/${applicationId}/approve`, {})).body['status']).toBe('APPROVED');
    const admin = await staff('admin');
    expect((await admin('POST', `/v1/admin/merchant-applications/${applicationId}/activate`, {})).body['status']).toBe('ACTIVE');
  });

  it('EXPORT: one bundle with identity, KYC factors, consents, risk decisions, merchant records and every disclosure', async () => {
    const done = await dataRequest({ type: 'EXPORT' });
    const bundle = done['result'];
    expect(bundle).toMatchObject({ format: 'kyc-gateway.subject-data.v1', subject_id: subject.sub });
    expect(Object.keys(bundle.sections).sort()).toEqual(['identity', 'merchant', 'privacy', 'risk']);

    const identity = bundle.sections.identity;
    expect(identity.verified_level.level).toBe('L3');
    expect(identity.sessions[0].factors.map((factor: Json) => factor.type)).toEqual(['IDENTITY', 'LIVENESS', 'BANK_CARD']);
    expect(JSON.stringify(identity)).toContain(person.idNumber);

    expect(bundle.sections.privacy.consents.map((consent: Json) => consent.purpose).sort()).toEqual(
      ['bank_card_verification', 'face_verification', 'real_name_verification', 'risk_control'].sort(),
    );
    expect(bundle.sections.privacy.consent_history).toHaveLength(4);
    for (const event of bundle.sections.privacy.consent_history) {
      expect(event).toMatchObject({ action: 'GRANT', policy_version: '2026-10', at: expect.any(String) });
      expect(Number.isNaN(Date.parse(event.at))).toBe(false);
    }
    const recipients = new Set(bundle.sections.privacy.disclosures.map((disclosure: Json) => disclosure.recipient));
    for (const recipient of ['id-authority', 'face-vendor', 'card-network']) expect(recipients).toContain(recipient);
    for (const disclosure of bundle.sections.privacy.disclosures) {
      expect(disclosure).toMatchObject({ recipient: expect.any(String), purpose: expect.any(String), fields: expect.any(Array), at: expect.any(String) });
      expect(Number.isNaN(Date.parse(disclosure.at))).toBe(false);
    }

    const exported = new Map<string, Json>(bundle.sections.risk.decisions.map((decision: Json) => [decision.id, decision]));
    for (const decision of decisions) expect(exported.get(decision), decision).toMatchObject({ decision: expect.any(String), score: expect.any(Number) });
    const reasons = exported.get(decisions.at(-1)!)!['reasons'];
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason).toMatchObject({ code: expect.any(String), description: expect.any(String) });
    expect(JSON.stringify(bundle.sections.merchant)).toContain(applicationId);
    expect(JSON.stringify(bundle.sections.merchant)).toContain(account.number);
  });

  it('CLOSE_ACCOUNT: consents withdrawn, the rest erased, and only the legal hold kept, encrypted and restricted', async () => {
    const done = await dataRequest({ type: 'CLOSE_ACCOUNT' });
    const answer = done['result'];
    expect(answer).toMatchObject({ account_closed: true, consents_withdrawn: 4 });
    expect(answer.held_under_legal_duty.length).toBeGreaterThan(0);
    for (const held of answer.held_under_legal_duty) {
      expect(held).toMatchObject({ category: expect.any(String), hold_until: expect.any(String), legal_basis: expect.any(String) });
      expect(new Date(held.hold_until).getUTCFullYear()).toBe(new Date().getUTCFullYear() + 5);
    }

    expect(await tablesHolding(plaintext)).toEqual({});
    const holding = await tablesHolding(blindIndexes);
    expect(Object.keys(holding).sort()).toEqual(HOLD_TABLES);

    // Restricted: no staff view shows the subject any more, and the level no longer counts.
    const analyst = await staff('risk_analyst');
    expect((await analyst('GET', `/v1/analyst/decisions?subject_id=${encodeURIComponent(subject.sub)}`)).body['items']).toEqual([]);
    expect((await analyst('GET', `/v1/analyst/decisions/${decisions[0]}`)).status).toBe(404);
    expect((await call('GET', '/v1/kyc/me')).body).toMatchObject({ level: 'NONE' });
  });

  it('with the hold forced past, a retention run leaves nothing of them', async () => {
    const admin = await staff('admin');
    const asOf = new Date(Date.now() + 6 * 366 * 86_400_000).toISOString();
    const run = await admin('POST', '/v1/admin/retention/run', { as_of: asOf });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(await tablesHolding({ ...plaintext, ...blindIndexes })).toEqual({});
    // Not even the subject id. An audit entry still on its way out of a service's outbox at the
    // first run is delivered and then kept for OUTBOX_RETENTION_DAYS: the next run removes it.
    await waitFor(
      async () => {
        expect((await admin('POST', '/v1/admin/retention/run', { as_of: asOf })).status).toBe(200);
        return tablesHolding({ subject: subject.sub });
      },
      (holding) => Object.keys(holding).length === 0,
      'the last audit entries to leave the outboxes',
      30_000,
    );
  });

  it('the audit log still verifies after all of it', async () => {
    const officer = await staff('privacy_officer');
    const verified = await officer('POST', '/v1/analyst/audit/verify', {});
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ ok: true, first_bad_seq: null });
    expect(Number(verified.body['checked'])).toBeGreaterThan(0);
  });
});

describe('staff unmasking', () => {
  it('is refused without the role or without a reason, and audited when done', async () => {
    const other = await tokenFor(['user']);
    const path = `/v1/analyst/subjects/${encodeURIComponent(other.sub)}/unmask`;
    expect((await api('POST', '/v1/me/consents', { token: other.token, body: { purpose: 'marketing', policy_version: '2026-10' } })).status).toBe(201);

    for (const role of ['risk_analyst', 'reviewer', 'admin', 'user']) {
      expect((await (await staff(role))('POST', path, { reason: 'Regulator inquiry 2026-118 about this account' })).status).toBe(403);
    }
    const officer = await staff('privacy_officer');
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'short' }]) {
      const refused = await officer('POST', path, body);
      expect([refused.status, refused.body['code']], JSON.stringify(refused.body)).toEqual([400, 'VALIDATION_FAILED']);
    }
    const before = await officer('GET', `/v1/analyst/audit?subject_id=${encodeURIComponent(other.sub)}&type=PII_UNMASKED`);
    expect(before.body['items']).toEqual([]);

    const unmasked = await officer('POST', path, { reason: 'Regulator inquiry 2026-118 about this account' });
    expect(unmasked.status, JSON.stringify(unmasked.body)).toBe(200);
    expect(unmasked.body['sections'].privacy.consents[0].purpose).toBe('marketing');
    const audited = await waitFor(
      () => officer('GET', `/v1/analyst/audit?subject_id=${encodeURIComponent(other.sub)}&type=PII_UNMASKED`),
      (reply) => reply.body['items']?.length === 1,
      'the unmasking audit entry',
    );
    expect(audited.body['items'][0]).toMatchObject({ type: 'PII_UNMASKED', seq: unmasked.body['audit_seq'] });
  });
});
