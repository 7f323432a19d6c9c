import { findPlaintextPii } from '#libs/pii';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fixtures, merchantHarness, type MerchantHarness } from '../testing/merchant-harness.fixture.js';

/**
 * The workflow against PostgreSQL, upstreams faked: every transition is
 * validated and recorded with actor, time and reasons, together with its
 * audit entry and webhook event in the same transaction; personal data is
 * stored only encrypted.
 */
describe('onboarding workflow (PostgreSQL)', () => {
  let h: MerchantHarness;
  beforeAll(async () => {
    h = await merchantHarness(inject('databaseUrl'));
  });
  afterAll(() => h.close());

  // Outbox payloads of two shapes (audit entries, webhook events), read field by field.
  // oxlint-disable-next-line typescript/no-explicit-any
  type OutboxRow = { topic: string; dedupe_key: string; payload: Record<string, any> };
  const outbox = async (applicationId: string): Promise<OutboxRow[]> =>
    h.dataSource.query(
      "SELECT topic, dedupe_key, payload FROM merchant.outbox WHERE payload->>'application_id' = $1 OR payload->'payload'->>'application_id' = $1 ORDER BY id",
      [applicationId],
    );

  it('takes an individual from draft to active, recording each transition with its audit entry and webhook event', async () => {
    const person = fixtures.person('p19-happy-elderly');
    const draft = await h.seed.individual(person);
    await h.setWebhook.execute({ merchantId: draft.merchantId, actorId: draft.merchantId, url: 'http://127.0.0.1:9/hook', secret: 'whsec_0123456789abcdef' });

    const inReview = await h.seed.submit(draft);
    expect(inReview).toMatchObject({ status: 'IN_REVIEW', reviewRound: 1, approvalsRequired: 1 });
    expect(h.realName.calls.at(-1)).toEqual({ subjectId: draft.merchantId, name: person.name, idNumber: person.idNumber });
    const asked = await h.decide.execute({
      applicationId: draft.id,
      reviewerId: 'rev-1',
      decision: 'REQUEST_INFO',
      reasons: [{ field: 'store.name', reason: 'Use the registered name' }],
    });
    expect(asked).toMatchObject({ status: 'NEEDS_INFO', reasons: [{ field: 'store.name', reason: 'Use the registered name' }] });
    await h.update.execute({
      merchantId: draft.merchantId,
      actorId: draft.merchantId,
      applicationId: draft.id,
      form: { store: { name: '高记' } },
      clearFields: [],
    });
    expect((await h.seed.submit(draft)).reviewRound).toBe(2);
    await h.decide.execute({ applicationId: draft.id, reviewerId: 'rev-2', decision: 'APPROVE', reasons: [] });
    const active = await h.changeStatus.execute({ applicationId: draft.id, actorId: 'admin-1', action: 'ACTIVATE', reasons: [] });
    expect(active.status).toBe('ACTIVE');

    const history = await h.applications.history(draft.id);
    expect(history.map((t) => [t.from, t.to, t.actor.type, t.actor.id])).toEqual([
      ['DRAFT', 'SUBMITTED', 'MERCHANT', draft.merchantId],
      ['SUBMITTED', 'IN_REVIEW', 'SYSTEM', 'merchant-checks'],
      ['IN_REVIEW', 'NEEDS_INFO', 'REVIEWER', 'rev-1'],
      ['NEEDS_INFO', 'SUBMITTED', 'MERCHANT', draft.merchantId],
      ['SUBMITTED', 'IN_REVIEW', 'SYSTEM', 'merchant-checks'],
      ['IN_REVIEW', 'APPROVED', 'REVIEWER', 'rev-2'],
      ['APPROVED', 'ACTIVE', 'ADMIN', 'admin-1'],
    ]);

    const rows = await outbox(draft.id);
    const webhooks = rows.filter((row) => row.topic === 'merchant_webhook');
    const audits = rows.filter((row) => row.topic === 'audit');
    // One webhook event per transition, keyed by the transition's event id.
    expect(webhooks.map((row) => row.dedupe_key)).toEqual(history.map((t) => `webhook:${t.eventId}`));
    expect(webhooks.map((row) => row.payload['status'])).toEqual(history.map((t) => t.to));
    expect(audits.filter((row) => row.payload['type'] === 'MERCHANT_STATUS_CHANGED')).toHaveLength(history.length);
    expect(audits.filter((row) => row.payload['type'] === 'REVIEW_DECISION').map((row) => row.payload['payload']['decision'])).toEqual([
      'REQUEST_INFO',
      'APPROVE',
    ]);
    expect(audits.find((row) => row.payload['type'] === 'REVIEW_DECISION')!.payload['actor']).toEqual({ type: 'staff', id: 'rev-1' });
    for (const row of rows) expect(findPlaintextPii(row.payload)).toEqual([]);
  });

  it('stores the form and the document bytes only encrypted, with blind indexes for duplicate detection', async () => {
    const person = fixtures.person('p21-happy-visa-card');
    const account = fixtures.account('a09-p21-happy');
    const application = await h.seed.individual(person, account);
    const [row] = await h.dataSource.query('SELECT a::text AS text, principal_id_bidx FROM merchant.applications a WHERE id = $1', [application.id]);
    for (const value of [person.name, person.idNumber, person.phone, account.number]) expect(row.text).not.toContain(value);
    expect(row.principal_id_bidx).toBe(h.vault.blindIndex('id_number', person.idNumber));
    const documents = await h.dataSource.query('SELECT d::text AS text FROM merchant.documents d WHERE merchant_id = $1', [application.merchantId]);
    expect(documents).toHaveLength(3);
    // JPEG magic bytes (ff d8 ff) never appear unencrypted.
    for (const document of documents) expect(document.text).not.toMatch(/\\xffd8ffe0/);
    const read = await h.documents.readOwned(application.merchantId, application.form.owner!.id_photo_front_document_id!);
    expect(read!.content.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it('queues no webhook event for a merchant without a webhook, and still audits', async () => {
    const application = await h.seed.individual(fixtures.person('p22-happy-credit-card'), fixtures.account('a10-p22-happy'));
    await h.seed.submit(application);
    const rows = await outbox(application.id);
    expect(rows.filter((row) => row.topic === 'merchant_webhook')).toEqual([]);
    expect(rows.filter((row) => row.topic === 'audit').length).toBe(2);
  });

  it('refuses to submit an incomplete form and to edit once submitted, changing nothing', async () => {
    const merchantId = h.seed.merchantId();
    const { application } = await h.create.execute({
      merchantId,
      actorId: merchantId,
      businessCode: 'partial',
      type: 'INDIVIDUAL',
      form: { store: { name: '小店' } },
    });
    await expect(h.seed.submit(application)).rejects.toMatchObject({ code: 'APPLICATION_INCOMPLETE' });
    expect((await h.applications.findById(application.id))!.status).toBe('DRAFT');
    const ready = await h.seed.individual(fixtures.person('p20-happy-leap-day'), fixtures.account('a08-p20-happy'));
    await h.seed.submit(ready);
    await expect(
      h.update.execute({ merchantId: ready.merchantId, actorId: 'x', applicationId: ready.id, form: { store: { name: 'x' } }, clearFields: [] }),
    ).rejects.toMatchObject({
      code: 'APPLICATION_NOT_EDITABLE',
    });
    await expect(h.update.execute({ merchantId: 'someone-else', actorId: 'x', applicationId: ready.id, form: {}, clearFields: [] })).rejects.toMatchObject({
      code: 'APPLICATION_NOT_FOUND',
    });
  });

  it('refuses documents of another merchant or of the wrong kind in a form', async () => {
    const merchantId = h.seed.merchantId();
    const foreign = (
      await h.upload.execute({ merchantId: 'other-merchant', actorId: 'x', kind: 'STORE_PHOTO', content: Buffer.from([0xff, 0xd8, 0xff, 1, 2]) })
    ).document;
    const wrongKind = (await h.upload.execute({ merchantId, actorId: 'x', kind: 'ID_PHOTO_FRONT', content: Buffer.from([0xff, 0xd8, 0xff, 3, 4]) })).document;
    await expect(
      h.create.execute({
        merchantId,
        actorId: merchantId,
        businessCode: 'docs',
        type: 'INDIVIDUAL',
        form: { store: { photo_document_id: foreign.id }, owner: { id_photo_back_document_id: wrongKind.id } },
      }),
    ).rejects.toMatchObject({
      code: 'APPLICATION_INVALID',
      violations: expect.arrayContaining([
        expect.objectContaining({ field: 'store.photo_document_id', code: 'DOCUMENT_NOT_FOUND' }),
        expect.objectContaining({ field: 'owner.id_photo_back_document_id', code: 'DOCUMENT_KIND_MISMATCH' }),
      ]),
    });
  });

  it('moves an active merchant to the level of an approved upgrade, in the same transaction', async () => {
    const person = fixtures.person('p03-happy-x-check');
    const application = await h.seed.individual(person, fixtures.account('a03-p03-happy'));
    await h.seed.submit(application);
    await h.decide.execute({ applicationId: application.id, reviewerId: 'rev-1', decision: 'APPROVE', reasons: [] });
    await expect(
      h.upgrade.execute({ merchantId: application.merchantId, actorId: 'x', applicationId: application.id, targetLevel: 'L2', form: {} }),
    ).rejects.toMatchObject({ code: 'UPGRADE_NOT_ALLOWED' });
    await h.changeStatus.execute({ applicationId: application.id, actorId: 'admin', action: 'ACTIVATE', reasons: [] });
    const upgrade = await h.upgrade.execute({
      merchantId: application.merchantId,
      actorId: 'x',
      applicationId: application.id,
      targetLevel: 'L2',
      form: {
        credit_card_authorization: { issuing_bank: '中国农业银行', account_name: person.name, card_number: person.bankCard!, reserved_phone: person.phone },
      },
    });
    expect(await h.seed.submit(upgrade)).toMatchObject({ status: 'IN_REVIEW', checks: [expect.objectContaining({ check: 'CARD_HOLDER', result: 'PASS' })] });
    await h.decide.execute({ applicationId: upgrade.id, reviewerId: 'rev-2', decision: 'APPROVE', reasons: [] });
    expect((await h.applications.findById(application.id))!.level).toBe('L2');

    const another = await h.upgrade.execute({
      merchantId: application.merchantId,
      actorId: 'x',
      applicationId: application.id,
      targetLevel: 'L3',
      form: { credit_card_authorization: { issuing_bank: '中国农业银行', account_name: '别人', card_number: person.bankCard!, reserved_phone: person.phone } },
    });
    await expect(h.seed.submit(another)).rejects.toMatchObject({ code: 'APPLICATION_INCOMPLETE' });
  });

  it("pages a merchant's applications newest first with an opaque cursor, and refuses a forged one", async () => {
    const merchantId = h.seed.merchantId();
    const created = [];
    for (const code of ['a', 'b', 'c']) {
      created.push((await h.create.execute({ merchantId, actorId: merchantId, businessCode: code, type: 'INDIVIDUAL', form: {} })).application.id);
      h.clock.advance(1000);
    }
    const first = await h.applications.listOwned(merchantId, 2);
    const second = await h.applications.listOwned(merchantId, 2, first.nextCursor);
    expect([...first.items, ...second.items].map((application) => application.id)).toEqual([...created].reverse());
    expect(second.nextCursor).toBeUndefined();
    const forged = Buffer.from(JSON.stringify({ at: 'yesterday', id: 'x' })).toString('base64url');
    await expect(h.applications.listOwned(merchantId, 2, forged)).rejects.toMatchObject({ code: 'CURSOR_INVALID' });
    await expect(h.applications.listByStatus('IN_REVIEW', undefined, 2, 'garbage!')).rejects.toMatchObject({ code: 'CURSOR_INVALID' });
  });
});
