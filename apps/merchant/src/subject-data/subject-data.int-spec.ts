import { OutboxDataAccessLog } from '#libs/audit';
import { findPlaintextPii } from '#libs/pii';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Application } from '../applications/application.js';
import { GetApplicationUseCase } from '../applications/get-application/get-application.use-case.js';
import { subjectRef } from '../infrastructure/persistence/subject-data.sql.js';
import { GetReviewApplicationUseCase } from '../review/get-review-application/get-review-application.use-case.js';
import { fixtures, merchantHarness, type MerchantHarness } from '../testing/merchant-harness.fixture.js';
import { WEBHOOK_TOPIC } from '../webhooks/webhook-topic.js';
import { HELD_DOCUMENTS, HELD_RECORDS } from './held-category.js';

// The export is a JSON document read field by field.
// oxlint-disable-next-line typescript/no-explicit-any
type Json = any;

const YEAR_MS = 365 * 86_400_000;

/**
 * Data-subject rights against PostgreSQL, upstreams faked. A private
 * database: the retention runs below move "now" years ahead and would purge
 * other specs' drafts and outbox rows in the shared one.
 */
describe('subject data: export, correction, erasure and retention (PostgreSQL)', () => {
  let database: TestDatabase;
  let h: MerchantHarness;

  beforeAll(async () => {
    database = await createTestDatabase(inject('serverUrl'), 'kyc_merchant_subject_test');
    h = await merchantHarness(database.url, { migrate: true });
  });
  afterAll(async () => {
    await h?.close();
    await database?.drop();
  });

  const newSubject = (): string => `user-${randomUUID()}`;

  /** An individual merchant taken to ACTIVE by its subject (reviewer rev-1, admin admin-1). */
  async function activeMerchant(personKey: string, accountKey: string, subjectId = newSubject(), merchantId = h.seed.merchantId()): Promise<Application> {
    const draft = await h.seed.individual(fixtures.person(personKey), fixtures.account(accountKey), merchantId, subjectId);
    expect((await h.seed.submit(draft)).status).toBe('IN_REVIEW');
    await h.decide.execute({ applicationId: draft.id, reviewerId: 'rev-1', decision: 'APPROVE', reasons: [] });
    return h.changeStatus.execute({ applicationId: draft.id, actorId: 'admin-1', action: 'ACTIVATE', reasons: [] });
  }

  /** How many rows of each merchant table mention any of the needles anywhere (ids, hex of ciphertexts, blind indexes). */
  async function rowsMentioning(needles: string[], schema = 'merchant'): Promise<Record<string, number>> {
    const tables: Array<{ table_name: string }> = await h.dataSource.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND table_name <> 'migrations'",
      [schema],
    );
    const counts: Record<string, number> = {};
    for (const { table_name: table } of tables) {
      const [{ n }] = await h.dataSource.query(
        `SELECT count(*)::int AS n FROM "${schema}"."${table}" x WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) needle WHERE strpos(x::text, needle) > 0)`,
        [needles],
      );
      counts[table] = n;
    }
    return counts;
  }

  const nothing = (counts: Record<string, number>): Record<string, number> => Object.fromEntries(Object.keys(counts).map((table) => [table, 0]));

  describe('ExportSubjectData', () => {
    it("holds every field of the subject's records in clear, their history, documents' metadata and webhook without the secret; nobody else's", async () => {
      const subject = newSubject();
      const person = fixtures.person('p01-happy');
      const account = fixtures.account('a01-p01-happy');
      const merchant = await activeMerchant('p01-happy', 'a01-p01-happy', subject);
      await h.setWebhook.execute({ merchantId: merchant.merchantId, actorId: subject, url: 'http://127.0.0.1:9/hook', secret: 'whsec_never_exported_123' });
      h.clock.advance(1000);
      const upgrade = await h.upgrade.execute({
        merchantId: merchant.merchantId,
        actorId: subject,
        applicationId: merchant.id,
        targetLevel: 'L2',
        form: {
          credit_card_authorization: { issuing_bank: '中国工商银行', account_name: person.name, card_number: person.bankCard!, reserved_phone: person.phone },
        },
      });
      const other = await h.seed.individual(fixtures.person('p02-happy'), fixtures.account('a02-p02-happy'), h.seed.merchantId(), newSubject());

      const { data, held } = (await h.exportSubject.execute(subject, 'SUBJECT_COPY')) as { data: Json; held: unknown[] };
      expect(held).toEqual([]);
      expect(data.subject_id).toBe(subject);
      expect(data.merchant_records.map((record: Json) => record.id)).toEqual([merchant.id, upgrade.id]);
      const [onboarding, upgradeRecord] = data.merchant_records;
      expect(onboarding.form.owner).toMatchObject({ name: person.name, id_number: person.idNumber, phone: person.phone });
      expect(onboarding.form.settlement_account).toEqual({ bank_name: account.bank, account_name: account.givenName, account_number: account.number });
      expect(onboarding).toMatchObject({ status: 'ACTIVE', kind: 'ONBOARDING', submitting_client_ip: '203.0.113.7', restriction: null });
      expect(onboarding.history.map((entry: Json) => [entry.from_status, entry.to_status, entry.actor_type])).toEqual([
        ['DRAFT', 'SUBMITTED', 'MERCHANT'],
        ['SUBMITTED', 'IN_REVIEW', 'SYSTEM'],
        ['IN_REVIEW', 'APPROVED', 'REVIEWER'],
        ['APPROVED', 'ACTIVE', 'ADMIN'],
      ]);
      expect(onboarding.review.decisions).toEqual([expect.objectContaining({ decision: 'APPROVE', round: 1 })]);
      expect(onboarding.checks.map((check: Json) => check.check)).toEqual(expect.arrayContaining(['REAL_NAME', 'SETTLEMENT_ACCOUNT', 'RISK']));
      expect(upgradeRecord).toMatchObject({ kind: 'UPGRADE', status: 'DRAFT', parent_application_id: merchant.id, level: 'L2' });
      expect(upgradeRecord.form.credit_card_authorization.card_number).toBe(person.bankCard);

      expect(data.documents.map((document: Json) => document.id).sort()).toEqual(
        [merchant.form.owner!.id_photo_front_document_id, merchant.form.owner!.id_photo_back_document_id, merchant.form.store!.photo_document_id].sort(),
      );
      for (const document of data.documents) {
        expect(Object.keys(document).sort()).toEqual(['content_type', 'created_at', 'id', 'kind', 'merchant_id', 'restricted', 'sha256', 'size']);
        expect(document.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(document.size).toBeGreaterThan(0);
      }
      expect(data.webhooks).toEqual([{ merchant_id: merchant.merchantId, url: 'http://127.0.0.1:9/hook', updated_at: expect.any(String) }]);

      const text = JSON.stringify(data);
      // Staff ids are not the subject's data; the secret, another subject's record and person are not in it.
      for (const absent of ['whsec_never_exported_123', 'rev-1', 'admin-1', other.id, other.merchantId, fixtures.person('p02-happy').idNumber])
        expect(text).not.toContain(absent);

      const theirs = (await h.exportSubject.execute(other.createdBy!, 'STAFF_UNMASK')).data as Json;
      expect(theirs.merchant_records.map((record: Json) => record.id)).toEqual([other.id]);
      expect(JSON.stringify(theirs)).not.toContain(person.idNumber);
    });

    it('is an empty section for a subject without merchant records', async () => {
      expect(await h.exportSubject.execute(newSubject(), 'SUBJECT_COPY')).toEqual({
        data: { subject_id: expect.any(String), merchant_records: [], documents: [], webhooks: [] },
        held: [],
      });
    });
  });

  describe('CorrectSubjectData', () => {
    it('refuses authority-verified facts and invalid values, changing nothing', async () => {
      const subject = newSubject();
      const draft = await h.seed.individual(fixtures.person('p03-happy-x-check'), fixtures.account('a03-p03-happy'), h.seed.merchantId(), subject);
      for (const field of ['name', 'id_number'] as const)
        await expect(h.correctSubject.execute({ subjectId: subject, field, value: '王小明', requestId: randomUUID() })).rejects.toMatchObject({
          code: 'FIELD_NOT_CORRECTABLE',
          kind: 'PRECONDITION_FAILED',
        });
      await expect(h.correctSubject.execute({ subjectId: subject, field: 'phone', value: '12345', requestId: randomUUID() })).rejects.toMatchObject({
        code: 'CORRECTION_VALUE_INVALID',
      });
      expect((await h.applications.findById(draft.id))!.version).toBe(draft.version);
    });

    it("corrects the owner's phone on every usable individual record of the subject, once per request, keeping the replaced value encrypted", async () => {
      const subject = newSubject();
      const person = fixtures.person('p04-happy-minority-name');
      const merchant = await activeMerchant('p04-happy-minority-name', 'a04-p04-happy', subject);
      const draft = await h.seed.individual(person, fixtures.account('a04-p04-happy'), h.seed.merchantId(), subject);
      const requestId = randomUUID();

      expect(await h.correctSubject.execute({ subjectId: subject, field: 'phone', value: '+86 139 1234 5678', requestId })).toEqual({ updated: 2 });
      for (const id of [merchant.id, draft.id]) expect((await h.applications.findById(id))!.form.owner!.phone).toBe('13912345678');
      // A retry answers the same and records nothing twice.
      expect(await h.correctSubject.execute({ subjectId: subject, field: 'phone', value: '13912345678', requestId })).toEqual({ updated: 2 });
      const corrections = await h.dataSource.query('SELECT c::text AS text FROM merchant.form_corrections c WHERE request_id = $1', [requestId]);
      expect(corrections).toHaveLength(2);
      for (const row of corrections) expect(row.text).not.toContain(person.phone);

      h.clock.advance(1000);
      expect(await h.correctSubject.execute({ subjectId: subject, field: 'email', value: ' shop@example.com ', requestId: randomUUID() })).toEqual({
        updated: 2,
      });
      h.clock.advance(1000);
      expect(await h.correctSubject.execute({ subjectId: subject, field: 'address', value: '北京市西城区金融街 7 号', requestId: randomUUID() })).toEqual({
        updated: 2,
      });
      const active = (await h.applications.findById(merchant.id))!;
      expect([active.form.owner!.email, active.form.store!.address, active.status]).toEqual(['shop@example.com', '北京市西城区金融街 7 号', 'ACTIVE']);

      const exported = (await h.exportSubject.execute(subject, 'SUBJECT_COPY')).data as Json;
      expect(exported.merchant_records.find((record: Json) => record.id === merchant.id).corrections).toEqual([
        { field: 'owner.phone', previous_value: person.phone, request_id: requestId, corrected_at: expect.any(String) },
        { field: 'owner.email', previous_value: null, request_id: expect.any(String), corrected_at: expect.any(String) },
        { field: 'store.address', previous_value: '北京市朝阳区建国路 88 号', request_id: expect.any(String), corrected_at: expect.any(String) },
      ]);

      // A later correction stands even if an earlier request is retried after it.
      expect(await h.correctSubject.execute({ subjectId: subject, field: 'phone', value: '13912340000', requestId: randomUUID() })).toEqual({ updated: 2 });
      expect(await h.correctSubject.execute({ subjectId: subject, field: 'phone', value: '13912345678', requestId })).toEqual({ updated: 2 });
      expect((await h.applications.findById(merchant.id))!.form.owner!.phone).toBe('13912340000');
    });

    it('changes nothing for a subject who holds only enterprise records (their people are not known to be the subject)', async () => {
      const subject = newSubject();
      const merchantId = h.seed.merchantId();
      const form = await h.seed.enterpriseForm(merchantId, fixtures.account('e02-happy'));
      await h.create.execute({ merchantId, actorId: subject, businessCode: 'ent', type: 'ENTERPRISE', form });
      expect(await h.correctSubject.execute({ subjectId: subject, field: 'phone', value: '13912345678', requestId: randomUUID() })).toEqual({ updated: 0 });
    });
  });

  describe('EraseSubjectData', () => {
    it('DELETE of a subject with drafts only removes every row of them, documents and webhook included; a retry answers the same', async () => {
      const subject = newSubject();
      const merchantId = h.seed.merchantId();
      const first = await h.seed.individual(fixtures.person('p21-happy-visa-card'), fixtures.account('a09-p21-happy'), merchantId, subject);
      const second = await h.seed.individual(fixtures.person('p21-happy-visa-card'), fixtures.account('a09-p21-happy'), merchantId, subject);
      const loose = await h.seed.document(merchantId, 'STORE_PHOTO', subject);
      await h.setWebhook.execute({ merchantId, actorId: subject, url: 'http://127.0.0.1:9/hook', secret: 'whsec_0123456789abcdef' });
      const documentIds = [first, second].flatMap((draft) => [
        draft.form.owner!.id_photo_front_document_id!,
        draft.form.owner!.id_photo_back_document_id!,
        draft.form.store!.photo_document_id!,
      ]);
      const before = await rowsMentioning([subject, merchantId]);
      expect(before['applications']).toBe(2);

      const requestId = randomUUID();
      const answer = await h.eraseSubject.execute({ subjectId: subject, mode: 'DELETE', requestId });
      expect(answer).toEqual({ deleted: 2 + documentIds.length + 1 + 1, anonymised: 0, held: [] });
      // Nothing of them in any merchant table; the erasure receipt holds only a keyed hash.
      const after = await rowsMentioning([subject, merchantId, first.id, second.id, loose, ...documentIds]);
      expect(after).toEqual(nothing(after));
      expect(await h.exportSubject.execute(subject, 'SUBJECT_COPY')).toMatchObject({ data: { merchant_records: [], documents: [], webhooks: [] } });

      expect(await h.eraseSubject.execute({ subjectId: subject, mode: 'DELETE', requestId })).toEqual(answer);
      await expect(h.eraseSubject.execute({ subjectId: newSubject(), mode: 'DELETE', requestId })).rejects.toMatchObject({
        code: 'ERASURE_REQUEST_CONFLICT',
      });
      await expect(h.eraseSubject.execute({ subjectId: subject, mode: 'CLOSE_ACCOUNT', requestId })).rejects.toMatchObject({
        code: 'ERASURE_REQUEST_CONFLICT',
      });
    });

    it('DELETE removes rejected applications with their history; their audit entries stay, without plaintext personal data', async () => {
      const subject = newSubject();
      const person = fixtures.person('p05-name-mismatch');
      const draft = await h.seed.individual(person, fixtures.account('a05-p05-name-mismatch'), h.seed.merchantId(), subject);
      h.realName.answer = () => ({ result: 'MISMATCH', reasonCode: 'NAME_MISMATCH', retryable: false });
      try {
        expect((await h.seed.submit(draft)).status).toBe('REJECTED');
      } finally {
        h.realName.answer = () => ({ result: 'MATCH', reasonCode: '', retryable: false });
      }
      expect(await h.eraseSubject.execute({ subjectId: subject, mode: 'DELETE', requestId: randomUUID() })).toEqual({ deleted: 4, anonymised: 0, held: [] });
      const left = await rowsMentioning([draft.id]);
      expect(left).toEqual({ ...nothing(left), outbox: 2 });
      const outbox = await h.dataSource.query("SELECT topic, payload FROM merchant.outbox WHERE payload->'payload'->>'application_id' = $1", [draft.id]);
      expect(outbox.map((row: Json) => [row.topic, row.payload.type])).toEqual([
        ['audit', 'MERCHANT_STATUS_CHANGED'],
        ['audit', 'MERCHANT_STATUS_CHANGED'],
      ]);
      for (const row of outbox) expect(findPlaintextPii(row.payload)).toEqual([]);
    });

    it('CLOSE_ACCOUNT closes an active merchant, restricts it out of every use but duplicate detection, and holds it 5 years', async () => {
      const subject = newSubject();
      const person = fixtures.person('p19-happy-elderly');
      const account = fixtures.account('a07-p19-happy');
      const merchantId = h.seed.merchantId();
      await h.setWebhook.execute({ merchantId, actorId: subject, url: 'http://127.0.0.1:9/hook', secret: 'whsec_0123456789abcdef' });
      const merchant = await activeMerchant('p19-happy-elderly', 'a07-p19-happy', subject, merchantId);
      h.clock.advance(1000);
      const upgrade = await h.upgrade.execute({
        merchantId,
        actorId: subject,
        applicationId: merchant.id,
        targetLevel: 'L2',
        form: {
          credit_card_authorization: { issuing_bank: '中国银行', account_name: person.name, card_number: person.bankCard!, reserved_phone: person.phone },
        },
      });
      await h.seed.submit(upgrade);
      await h.decide.execute({ applicationId: upgrade.id, reviewerId: 'rev-2', decision: 'APPROVE', reasons: [] });
      const draft = await h.seed.individual(person, account, merchantId, subject);
      expect(
        (
          await h.dataSource.query('SELECT 1 FROM merchant.outbox WHERE topic = $1 AND status = $2 AND payload->>$3 = $4', [
            WEBHOOK_TOPIC,
            'PENDING',
            'application_id',
            merchant.id,
          ])
        ).length,
      ).toBeGreaterThan(0);

      const requestId = randomUUID();
      const closedAt = h.clock.now();
      const holdUntil = new Date(closedAt);
      holdUntil.setUTCFullYear(holdUntil.getUTCFullYear() + 5);
      const answer = await h.eraseSubject.execute({ subjectId: subject, mode: 'CLOSE_ACCOUNT', requestId });
      const legalBasis = expect.stringMatching(/Anti-Money-Laundering Law.*5 years after the business relationship ends/);
      expect(answer).toEqual({
        // The draft and its 3 documents, and the webhook settings.
        deleted: 5,
        anonymised: 0,
        held: [
          { category: HELD_DOCUMENTS, holdUntil: holdUntil.toISOString(), legalBasis, records: 3 },
          { category: HELD_RECORDS, holdUntil: holdUntil.toISOString(), legalBasis, records: 2 },
        ],
      });

      const [row] = await h.dataSource.query('SELECT status, restricted_status, hold_until, restricted_at FROM merchant.applications WHERE id = $1', [
        merchant.id,
      ]);
      expect(row).toMatchObject({ status: 'CLOSED', restricted_status: 'ACTIVE', hold_until: holdUntil, restricted_at: closedAt });
      const [closing] = await h.dataSource.query(
        "SELECT from_status, actor_type, actor_id, reasons FROM merchant.application_transitions WHERE application_id = $1 AND to_status = 'CLOSED'",
        [merchant.id],
      );
      expect(closing).toMatchObject({ from_status: 'ACTIVE', actor_type: 'MERCHANT', actor_id: subject, reasons: [{ field: 'application' }] });
      const closeAudit = await h.dataSource.query(
        "SELECT payload FROM merchant.outbox WHERE topic = 'audit' AND payload->>'type' = 'MERCHANT_STATUS_CHANGED' AND payload->'payload'->>'to' = 'CLOSED' AND payload->'payload'->>'application_id' = $1",
        [merchant.id],
      );
      expect(closeAudit.map((entry: Json) => entry.payload.actor)).toEqual([{ type: 'user', id: subject }]);
      // No more webhooks: undelivered events are gone, none is written for the close, the settings are deleted.
      expect(
        await h.dataSource.query('SELECT id FROM merchant.outbox WHERE topic = $1 AND payload->>$2 = ANY($3)', [
          WEBHOOK_TOPIC,
          'application_id',
          [merchant.id, upgrade.id],
        ]),
      ).toEqual([]);
      expect(await h.webhooks.find(merchantId)).toBeUndefined();
      expect(await h.dataSource.query('SELECT id FROM merchant.applications WHERE id = $1', [draft.id])).toEqual([]);

      // Not returned by the merchant API, not listed or shown to reviewers, not changed by admins.
      await expect(new GetApplicationUseCase(h.applications).execute(merchantId, merchant.id)).rejects.toMatchObject({ code: 'APPLICATION_NOT_FOUND' });
      expect((await h.applications.listOwned(merchantId, 50)).items).toEqual([]);
      expect(await h.documents.readOwned(merchantId, merchant.form.owner!.id_photo_front_document_id!)).toBeUndefined();
      for (const status of ['CLOSED', 'APPROVED'] as const)
        expect((await h.applications.listByStatus(status, undefined, 500)).items.map((item) => item.id)).not.toEqual(expect.arrayContaining([merchant.id]));
      await expect(
        new GetReviewApplicationUseCase(h.applications, new OutboxDataAccessLog(h.dataSource, 'merchant')).execute(merchant.id, 'reviewer-1'),
      ).rejects.toMatchObject({ code: 'APPLICATION_NOT_FOUND' });
      await expect(h.changeStatus.execute({ applicationId: merchant.id, actorId: 'admin-1', action: 'ACTIVATE', reasons: [] })).rejects.toMatchObject({
        code: 'APPLICATION_NOT_FOUND',
      });
      expect(await h.correctSubject.execute({ subjectId: subject, field: 'phone', value: '13912345678', requestId: randomUUID() })).toEqual({ updated: 0 });

      // The subject still sees what is kept, and why.
      const exported = await h.exportSubject.execute(subject, 'SUBJECT_COPY');
      expect(exported.held).toEqual(answer.held);
      expect((exported.data as Json).merchant_records.map((record: Json) => [record.id, record.status, record.restriction?.hold_until])).toEqual([
        [merchant.id, 'CLOSED', holdUntil.toISOString()],
        [upgrade.id, 'APPROVED', holdUntil.toISOString()],
      ]);

      // Closing the account is no way around duplicate detection: the same owner cannot onboard again meanwhile.
      const again = await h.seed.individual(person, account, h.seed.merchantId(), newSubject());
      expect(await h.seed.submit(again)).toMatchObject({ status: 'REJECTED', reasons: [{ field: 'owner.id_number', reason: 'DUPLICATE_MERCHANT' }] });

      // Kept only encrypted.
      const clear = await rowsMentioning([person.name, person.idNumber, person.phone, account.number, person.bankCard!]);
      expect(clear).toEqual(nothing(clear));
      expect(await h.eraseSubject.execute({ subjectId: subject, mode: 'CLOSE_ACCOUNT', requestId })).toEqual(answer);
    });

    it('DELETE keeps an active merchant restricted with no hold end (the relationship continues); CLOSE_ACCOUNT later starts the hold', async () => {
      const subject = newSubject();
      const merchant = await activeMerchant('p20-happy-leap-day', 'a08-p20-happy', subject);
      const deleted = await h.eraseSubject.execute({ subjectId: subject, mode: 'DELETE', requestId: randomUUID() });
      expect(deleted.held).toEqual([
        expect.objectContaining({ category: HELD_DOCUMENTS, holdUntil: '', records: 3 }),
        expect.objectContaining({ category: HELD_RECORDS, holdUntil: '', records: 1 }),
      ]);
      expect(await h.dataSource.query('SELECT status, restricted_status, hold_until FROM merchant.applications WHERE id = $1', [merchant.id])).toEqual([
        { status: 'ACTIVE', restricted_status: 'ACTIVE', hold_until: null },
      ]);
      expect(await h.applications.findById(merchant.id)).toBeUndefined();

      h.clock.advance(1000);
      const closed = await h.eraseSubject.execute({ subjectId: subject, mode: 'CLOSE_ACCOUNT', requestId: randomUUID() });
      const holdUntil = new Date(h.clock.now());
      holdUntil.setUTCFullYear(holdUntil.getUTCFullYear() + 5);
      expect(closed.held.map((group) => [group.category, group.holdUntil])).toEqual([
        [HELD_DOCUMENTS, holdUntil.toISOString()],
        [HELD_RECORDS, holdUntil.toISOString()],
      ]);
      expect(await h.dataSource.query('SELECT status, restricted_status FROM merchant.applications WHERE id = $1', [merchant.id])).toEqual([
        { status: 'CLOSED', restricted_status: 'ACTIVE' },
      ]);
    });

    it("anonymises the subject's traces on another subject's merchant record, which stays in use", async () => {
      const owner = newSubject();
      const colleague = newSubject();
      const merchantId = h.seed.merchantId();
      const person = fixtures.person('p22-happy-credit-card');
      const form = await h.seed.individualForm(merchantId, person, fixtures.account('a10-p22-happy'), colleague);
      const { application } = await h.create.execute({ merchantId, actorId: owner, businessCode: 'shared', type: 'INDIVIDUAL', form });
      await h.submit.execute({ merchantId, actorId: colleague, applicationId: application.id, clientIp: '203.0.113.7' });

      expect(await h.eraseSubject.execute({ subjectId: colleague, mode: 'DELETE', requestId: randomUUID() })).toEqual({
        deleted: 0,
        // 3 uploads and the submission.
        anonymised: 4,
        held: [],
      });
      const left = await rowsMentioning([colleague]);
      expect(left).toEqual({ ...nothing(left), outbox: left['outbox'] });
      expect(await h.applications.findOwned(merchantId, application.id)).toMatchObject({ status: 'IN_REVIEW', createdBy: owner });
      expect(await h.documents.readOwned(merchantId, form.owner!.id_photo_front_document_id!)).toBeDefined();
    });
  });

  describe('RunRetention', () => {
    it('purges drafts never submitted and uploads no application names, once they are older than the draft retention', async () => {
      const subject = newSubject();
      const merchantId = h.seed.merchantId();
      const now = h.clock.now();
      h.clock.set(new Date(now.getTime() - 100 * 86_400_000));
      const old = await h.seed.individual(fixtures.person('p23-merchant-owner'), fixtures.account('a12-p23-happy'), merchantId, subject);
      h.clock.set(now);
      const recent = await h.seed.individual(fixtures.person('p23-merchant-owner'), fixtures.account('a12-p23-happy'), merchantId, subject);
      const abandoned = await h.seed.document(merchantId, 'OTHER' as 'STORE_PHOTO', subject);
      await h.dataSource.query("UPDATE merchant.documents SET created_at = now() - interval '100 days' WHERE id = $1", [abandoned]);

      const counts = await h.runRetention.execute(now);
      expect(counts).toMatchObject({ drafts_purged: 1, documents_deleted: 4, holds_ended: 0 });
      expect(await h.dataSource.query('SELECT id FROM merchant.applications WHERE id = ANY($1)', [[old.id, recent.id]])).toEqual([{ id: recent.id }]);
      expect(await h.documents.readOwned(merchantId, recent.form.owner!.id_photo_front_document_id!)).toBeDefined();
      const left = await rowsMentioning([old.id, abandoned, old.form.owner!.id_photo_front_document_id!, old.form.store!.photo_document_id!]);
      expect(left).toEqual(nothing(left));
      expect(await h.runRetention.execute(now)).toMatchObject({ drafts_purged: 0, documents_deleted: 0 });
    });

    it('ends an expired hold leaving nothing of the subject in any merchant table, touches no other schema, and does nothing the second time', async () => {
      const subject = newSubject();
      const person = fixtures.person('p02-happy');
      const merchant = await activeMerchant('p02-happy', 'a02-p02-happy', subject);
      await h.eraseSubject.execute({ subjectId: subject, mode: 'CLOSE_ACCOUNT', requestId: randomUUID() });
      const exported = (await h.exportSubject.execute(subject, 'SUBJECT_COPY')).data as Json;
      const holdUntil = new Date(exported.merchant_records[0].restriction.hold_until);
      expect(holdUntil.getTime() - h.clock.now().getTime()).toBeGreaterThan(4.9 * YEAR_MS);

      // Everything that could point at them: ids, ciphertexts, blind indexes, the receipt's subject hash.
      const [secrets] = await h.dataSource.query(
        "SELECT encode(form_enc, 'hex') AS form, encode(client_ip_enc, 'hex') AS ip, principal_id_bidx FROM merchant.applications WHERE id = $1",
        [merchant.id],
      );
      const documents: Array<{ id: string; content: string }> = await h.dataSource.query(
        "SELECT id, encode(content_enc, 'hex') AS content FROM merchant.documents WHERE merchant_id = $1",
        [merchant.merchantId],
      );
      expect(documents).toHaveLength(3);
      const needles = [
        subject,
        merchant.merchantId,
        merchant.id,
        secrets.form,
        secrets.ip,
        secrets.principal_id_bidx,
        subjectRef(h.vault, subject),
        ...documents.flatMap((document) => [document.id, document.content]),
      ];
      expect(Object.values(await rowsMentioning(needles)).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0);
      // The relay has delivered its audit entries to the privacy service's log (only delivered ones may go).
      await h.dataSource.query(
        "UPDATE merchant.outbox SET status = 'DELIVERED', delivered_at = $2 WHERE topic = 'audit' AND payload->'payload'->>'application_id' = $1",
        [merchant.id, h.clock.now()],
      );
      await h.dataSource.query('CREATE SCHEMA IF NOT EXISTS bystander');
      await h.dataSource.query('CREATE TABLE IF NOT EXISTS bystander.notes (note text)');
      await h.dataSource.query('INSERT INTO bystander.notes VALUES ($1)', [`${subject} ${merchant.id}`]);

      await h.runRetention.execute(new Date(holdUntil.getTime() - 1000));
      expect(await h.dataSource.query('SELECT 1 FROM merchant.applications WHERE id = $1', [merchant.id])).toHaveLength(1);

      const asOf = new Date(holdUntil.getTime() + 86_400_000);
      const counts = await h.runRetention.execute(asOf);
      expect(counts).toMatchObject({ holds_ended: expect.any(Number), records_deleted: expect.any(Number) });
      expect(counts['holds_ended']).toBeGreaterThanOrEqual(1);
      const left = await rowsMentioning(needles);
      expect(left).toEqual(nothing(left));
      const clear = await rowsMentioning([person.name, person.idNumber, person.phone]);
      expect(clear).toEqual(nothing(clear));
      expect(await rowsMentioning([subject], 'bystander')).toEqual({ notes: 1 });
      expect(await h.exportSubject.execute(subject, 'SUBJECT_COPY')).toMatchObject({ data: { merchant_records: [], documents: [] }, held: [] });

      expect(Object.values(await h.runRetention.execute(asOf))).toEqual([0, 0, 0, 0, 0, 0]);
    });
  });
});
