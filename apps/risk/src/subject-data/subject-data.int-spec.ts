import { OutboxDataAccessLog } from '#libs/audit';
import { createDataSource, runMigrations } from '#libs/db';
import { createLogger } from '#libs/observability';
import { idNumberCheckChar, luhnCheckDigit } from '#libs/pii';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDataSourceSettings } from '../../../../test/setup/schemas.js';
import type { NewDecision } from '../assessment/assessment-ledger.js';
import type { DeviceSignals } from '../assessment/signals/device-signals.js';
import type { Features } from '../assessment/features/features.js';
import { anonymousFeatures } from '../decisions/anonymous-features.js';
import { ExplainDecisionUseCase } from '../decisions/explain-decision/explain-decision.use-case.js';
import { GetDecisionUseCase } from '../decisions/get-decision/get-decision.use-case.js';
import { LabelDecisionUseCase } from '../decisions/label-decision/label-decision.use-case.js';
import { ListDecisionsUseCase } from '../decisions/list-decisions/list-decisions.use-case.js';
import { RetentionPostgresRepository } from '../infrastructure/persistence/retention.postgres-repository.js';
import { riskDataSource } from '../infrastructure/persistence/risk.data-source.js';
import { SubjectDataPostgresRepository } from '../infrastructure/persistence/subject-data.postgres-repository.js';
import { AddListEntryUseCase } from '../lists/add-list-entry/add-list-entry.use-case.js';
import { ListDecisionReviewsUseCase } from '../reviews/list-decision-reviews/list-decision-reviews.use-case.js';
import { BacktestRulesetUseCase } from '../rules/backtest-ruleset/backtest-ruleset.use-case.js';
import type { Caller } from '../shared/caller.js';
import { androidDevice, assessAs, assessInput, riskContext, testVault, type RiskContext } from '../testing/risk-context.fixture.js';
import { CorrectSubjectDataUseCase } from './correct-subject-data/correct-subject-data.use-case.js';
import { EraseSubjectDataUseCase } from './erase-subject-data/erase-subject-data.use-case.js';
import { ExportSubjectDataUseCase } from './export-subject-data/export-subject-data.use-case.js';
import { RetentionPolicy } from './retention-policy.js';
import { RunRetentionUseCase } from './run-retention/run-retention.use-case.js';

const ANALYST: Caller = { subjectId: 'analyst-7', roles: ['risk_analyst'] };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;
const logger = createLogger({ app: 'risk-test', level: 'silent' });

function idNumber(): string {
  const first17 = `1101051985${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}
function cardNumber(): string {
  const first18 = `622202${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first18 + luhnCheckDigit(first18);
}
const mobile = (): string => `139${String(randomInt(0, 1e8)).padStart(8, '0')}`;

interface ExportedDecision {
  id: string;
  event_type: string;
  submitted: Record<string, unknown>;
  human_reviews: Array<Record<string, unknown>>;
  restriction: { restricted_at: string; hold_until: string | null } | null;
  [key: string]: unknown;
}

/**
 * Data-subject rights on PostgreSQL. A private database: retention runs as of
 * years ahead sweep every decision, which a shared one must not see. Tests
 * run in order; the ones that sweep come last. The clock is moved by hand:
 * each test puts its events in an hour of its own.
 */
describe('subject data: export, correction, erasure and retention', () => {
  let database: TestDatabase;
  let context: RiskContext;
  const policy = new RetentionPolicy(5, 1095, 30, 30);
  let subjects: SubjectDataPostgresRepository;
  let exportData: ExportSubjectDataUseCase;
  let erase: EraseSubjectDataUseCase;
  let retention: RunRetentionUseCase;
  let explain: ExplainDecisionUseCase;

  beforeAll(async () => {
    database = await createTestDatabase(inject('serverUrl'), 'kyc_risk_subject_data_test');
    const settings = testDataSourceSettings(database.url, riskDataSource);
    await runMigrations(createDataSource(settings), settings.schema);
    context = await riskContext(database.url);
    subjects = new SubjectDataPostgresRepository(context.dataSource);
    exportData = new ExportSubjectDataUseCase(subjects, policy, testVault, logger);
    erase = new EraseSubjectDataUseCase(subjects, policy, context.clock, logger);
    retention = new RunRetentionUseCase(new RetentionPostgresRepository(context.dataSource), policy, context.clock, logger);
    explain = new ExplainDecisionUseCase(context.decisions, context.reviews, context.clock);
  });
  afterAll(async () => {
    await context?.close();
    await database?.drop();
  });

  /** A fresh hour (days ago, so no two tests share one), starting on the hour: anonymisation truncates times to it. */
  let hoursBack = 24 * 40;
  function freshHour(): Date {
    hoursBack += 3;
    const hour = new Date(Math.floor((Date.now() - hoursBack * HOUR) / HOUR) * HOUR);
    context.clock.set(new Date(hour.getTime() + 1000));
    return hour;
  }
  async function event(subjectId: string, device: DeviceSignals, eventType: string, extra: Record<string, unknown> = {}): Promise<NewDecision> {
    context.clock.advance(1000);
    return assessAs(context, assessInput({ subjectId, device, eventType, ...extra }));
  }
  const exported = async (subjectId: string, reason: 'SUBJECT_COPY' | 'STAFF_UNMASK' = 'SUBJECT_COPY') => {
    const { data, held } = await exportData.execute(subjectId, reason);
    return { data: JSON.parse(JSON.stringify(data)) as { decisions: ExportedDecision[]; legal_hold: unknown[] }, held };
  };
  const row = async (id: string) =>
    ((await context.dataSource.query('SELECT *, host(ip) AS ip FROM risk.decisions WHERE id = $1', [id])) as Array<Record<string, unknown>>)[0];
  const anonymisedAt = async (at: Date) =>
    (await context.dataSource.query('SELECT *, host(ip) AS ip FROM risk.decisions WHERE anonymised_at = $1 ORDER BY event_type', [at])) as Array<
      Record<string, unknown> & { features: Features }
    >;
  const velocityEvents = async (subjectId: string): Promise<number> =>
    ((await context.dataSource.query('SELECT count(*)::int AS n FROM risk.velocity_events WHERE subject_id = $1', [subjectId])) as Array<{ n: number }>)[0]!.n;
  const deliverAuditEntries = () => context.dataSource.query("UPDATE risk.outbox SET status = 'DELIVERED', delivered_at = now() WHERE status = 'PENDING'");
  const auditCopies = async (subjectId: string) =>
    (await context.dataSource.query(`SELECT status, payload->>'type' AS type FROM risk.outbox WHERE payload->>'subjectId' = $1 ORDER BY id`, [
      subjectId,
    ])) as Array<{ status: string; type: string }>;

  it('exports every decision with its reasons, device, label, review requests and what the event carried, in clear', async () => {
    freshHour();
    const subjectId = `user-${randomUUID()}`;
    const device = androidDevice({ flags: { emulator: true } });
    const [phone, card] = [mobile(), cardNumber()];
    const login = await event(subjectId, device, 'LOGIN');
    const payment = await event(subjectId, device, 'PAYMENT', { amount: 88.5, phone, gps: { lat: 31.2304, lon: 121.4737 } });
    const bind = await event(subjectId, device, 'BIND_CARD', { cardNumber: card });
    await new LabelDecisionUseCase(context.decisions).execute(ANALYST, login.id, 'FRAUD');
    const { review } = await explain.execute({ decisionId: login.id, subjectId, requestHumanReview: true, requestId: randomUUID() });

    const { data, held } = await exported(subjectId);
    expect(held).toEqual([]);
    expect(data.legal_hold).toEqual([]);
    expect(data.decisions.map((decision) => decision.id)).toEqual([login.id, payment.id, bind.id]);
    expect(login.live.outcome).toBe('REVIEW');
    expect(data.decisions[0]).toEqual({
      id: login.id,
      occurred_at: login.occurredAt.toISOString(),
      event_type: 'LOGIN',
      decision: 'REVIEW',
      score: login.live.score,
      reasons: login.live.reasons.map((reason) => ({ code: reason.code, description: reason.description })),
      ruleset_version: 1,
      device_id: login.device.deviceId,
      ip: '120.24.78.68',
      merchant_id: null,
      label: 'FRAUD',
      human_reviews: [{ id: review!.id, status: 'OPEN', requested_at: review!.requestedAt, resolved_at: null, outcome: null, note: null }],
      submitted: {
        id_number: null,
        card_number: null,
        phone: null,
        app_instance_id: device.appInstanceId,
        oaid: null,
        idfv: null,
        android_id: device.androidId,
        imei: null,
        gps: null,
        risky_apps: [],
        extra_signals: {},
      },
      restriction: null,
    });
    expect(JSON.stringify(data.decisions[0]!['reasons'])).toContain('emulator');
    expect(data.decisions[1]!.submitted).toMatchObject({ phone, gps: { lat: 31.2304, lon: 121.4737, accuracy_m: null } });
    expect(data.decisions[2]!.submitted).toMatchObject({ card_number: card });

    expect((await exported(subjectId, 'STAFF_UNMASK')).data).toEqual(data);
    expect(await exported(`user-${randomUUID()}`)).toEqual({ data: { decisions: [], legal_hold: [] }, held: [] });
  });

  it('changes nothing for contact fields and refuses authority-verified facts', () => {
    const correct = new CorrectSubjectDataUseCase();
    for (const field of ['phone', 'email', 'address'] as const) expect(correct.execute(field)).toEqual({ updated: 0 });
    for (const field of ['name', 'id_number'] as const)
      expect(() => correct.execute(field)).toThrow(expect.objectContaining({ code: 'FIELD_NOT_CORRECTABLE' }));
  });

  it('DELETE restricts transaction decisions out of every analyst use, anonymises the rest irreversibly, and deletes velocity events', async () => {
    const hour = freshHour();
    const subjectId = `user-${randomUUID()}`;
    const device = androidDevice({ flags: { emulator: true } });
    const [id, card, phone] = [idNumber(), cardNumber(), mobile()];
    const login = await event(subjectId, device, 'LOGIN');
    const kyc = await event(subjectId, device, 'KYC', { idNumber: id, phone });
    const payment = await event(subjectId, device, 'PAYMENT', { amount: 120, phone, gps: { lat: 39.9042, lon: 116.4074 } });
    const bind = await event(subjectId, device, 'BIND_CARD', { cardNumber: card });
    const withdraw = await event(subjectId, device, 'WITHDRAW', { amount: 50 });
    const held = [payment, bind, withdraw];
    await new LabelDecisionUseCase(context.decisions).execute(ANALYST, kyc.id, 'LEGIT');
    const loginReview = await explain.execute({ decisionId: login.id, subjectId, requestHumanReview: true, requestId: randomUUID() });
    const paymentReview = await explain.execute({ decisionId: payment.id, subjectId, requestHumanReview: true, requestId: randomUUID() });
    await deliverAuditEntries();
    // An audit entry not yet delivered when the erasure runs: it must still reach the log.
    await new LabelDecisionUseCase(context.decisions).execute(ANALYST, payment.id, 'FRAUD');
    const list = new ListDecisionsUseCase(context.decisions);
    const backtest = () => new BacktestRulesetUseCase(context.rulesets, context.decisions).execute(1, hour, new Date(hour.getTime() + HOUR), undefined);
    expect((await backtest()).evaluated).toBe(5);
    expect(await velocityEvents(subjectId)).toBe(5);
    const before = new Map(await Promise.all([login, kyc, ...held].map(async (decision) => [decision.id, await row(decision.id)] as const)));

    context.clock.set(new Date(hour.getTime() + 30 * 60_000));
    const erasedAt = context.clock.now();
    const requestId = randomUUID();
    const answer = await erase.execute({ subjectId, mode: 'DELETE', requestId });
    expect(answer).toEqual({
      deleted: 6, // five velocity events, the login's review request
      anonymised: 2, // the login and the KYC check
      held: [
        {
          category: 'risk_transaction_decisions',
          holdUntil: '',
          legalBasis: expect.stringContaining('Anti-Money-Laundering Law'),
          records: 3,
        },
      ],
    });

    // Held: kept exactly as recorded, restricted, with no hold end while the relationship continues.
    for (const decision of held) expect(await row(decision.id)).toEqual({ ...before.get(decision.id), restricted_at: erasedAt, hold_until: null });
    // ... and out of every analyst use: list, detail, label, explanation, backtests, the review queue.
    expect((await list.execute({ subjectId }, 50, undefined)).items).toEqual([]);
    expect((await list.execute({ deviceId: payment.device.deviceId }, 50, undefined)).items).toEqual([]);
    const get = new GetDecisionUseCase(context.decisions, context.rulesets, testVault, new OutboxDataAccessLog(context.dataSource, 'risk'));
    for (const decision of [login, kyc, ...held]) {
      await expect(get.execute(decision.id, ANALYST)).rejects.toMatchObject({ code: 'DECISION_NOT_FOUND' });
      await expect(new LabelDecisionUseCase(context.decisions).execute(ANALYST, decision.id, 'FRAUD')).rejects.toMatchObject({ code: 'DECISION_NOT_FOUND' });
      await expect(explain.execute({ decisionId: decision.id, subjectId, requestHumanReview: false })).rejects.toMatchObject({ code: 'DECISION_NOT_FOUND' });
    }
    expect((await backtest()).evaluated).toBe(2);
    const queue = await new ListDecisionReviewsUseCase(context.reviews).execute(undefined, 500, undefined);
    expect(queue.items.map((item) => item.id)).not.toContain(paymentReview.review!.id);
    expect(queue.items.map((item) => item.id)).not.toContain(loginReview.review!.id);

    // Anonymised: no longer about anyone. What the event was and what was decided stays, for statistics.
    const anonymised = await anonymisedAt(erasedAt);
    expect(anonymised.map((decision) => decision['event_type'])).toEqual(['KYC', 'LOGIN']);
    for (const [decision, original] of [
      [anonymised[0]!, before.get(kyc.id)!],
      [anonymised[1]!, before.get(login.id)!],
    ] as const) {
      expect(decision).toEqual({
        ...original,
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7/),
        occurred_at: hour,
        subject_id: expect.stringMatching(/^anon-[0-9a-f]{32}$/),
        device_id: null,
        ip: null,
        signals: {},
        sensitive_snapshot_enc: null,
        id_number_bidx: null,
        card_bidx: null,
        phone_bidx: null,
        features: anonymousFeatures(original['features'] as Features),
        anonymised_at: erasedAt,
      });
      expect([login.id, kyc.id]).not.toContain(decision['id']);
      expect(decision['subject_id']).not.toContain(subjectId);
    }
    expect(before.get(kyc.id)!['id_number_bidx']).toBe(testVault.blindIndex('id_number', id));
    expect(anonymised[0]!['label']).toBe('LEGIT');
    expect(await row(login.id)).toBeUndefined();
    expect(await context.dataSource.query('SELECT 1 FROM risk.decision_reviews WHERE id = $1', [loginReview.review!.id])).toEqual([]);
    expect(await context.dataSource.query('SELECT restricted_at FROM risk.decision_reviews WHERE id = $1', [paymentReview.review!.id])).toEqual([
      { restricted_at: erasedAt },
    ]);
    expect(await velocityEvents(subjectId)).toBe(0);
    // Delivered audit copies went; the one still waiting stays until the relay delivers it.
    expect(await auditCopies(subjectId)).toEqual([{ status: 'PENDING', type: 'DECISION_LABELLED' }]);

    // Still the subject's to see: their own copy lists the held decisions, restricted, and what holds them.
    const { data, held: heldNow } = await exported(subjectId);
    expect(heldNow).toEqual(answer.held);
    expect(data.decisions.map((decision) => [decision.id, decision.restriction])).toEqual(
      held.map((decision) => [decision.id, { restricted_at: erasedAt.toISOString(), hold_until: null }]),
    );
    expect(data.decisions[1]!.submitted).toMatchObject({ card_number: card });

    // The relationship continues: a new event is an ordinary decision, and a retry of the request leaves it alone.
    const later = await event(subjectId, device, 'LOGIN');
    expect(await erase.execute({ subjectId, mode: 'DELETE', requestId })).toEqual(answer);
    expect(await row(later.id)).toMatchObject({ subject_id: subjectId, restricted_at: null, anonymised_at: null });
    await expect(erase.execute({ subjectId, mode: 'CLOSE_ACCOUNT', requestId })).rejects.toMatchObject({ code: 'ERASURE_REQUEST_CONFLICT' });
    await expect(erase.execute({ subjectId: `user-${randomUUID()}`, mode: 'DELETE', requestId })).rejects.toMatchObject({
      code: 'ERASURE_REQUEST_CONFLICT',
    });
  });

  it('retention anonymises decisions past DECISION_RETENTION_DAYS but not held ones, and is idempotent', async () => {
    freshHour();
    const subjectId = `user-${randomUUID()}`;
    const device = androidDevice();
    const recent = await event(subjectId, device, 'LOGIN');
    context.clock.set(new Date(Date.now() - 4 * YEAR));
    const old = await event(subjectId, device, 'LOGIN');
    const oldPayment = await event(subjectId, device, 'PAYMENT', { amount: 10 });
    const other = `user-${randomUUID()}`;
    const oldHeld = await event(other, androidDevice(), 'WITHDRAW', { amount: 10 });
    context.clock.set(new Date());
    await erase.execute({ subjectId: other, mode: 'DELETE', requestId: randomUUID() });
    const heldRow = await row(oldHeld.id);

    const now = new Date();
    const counts = await retention.execute(now);
    expect(Object.keys(counts).sort()).toEqual(['decisions_anonymised', 'erasure_receipts_purged', 'holds_ended', 'outbox_purged', 'reviews_deleted']);
    expect(counts).toMatchObject({ decisions_anonymised: 2, holds_ended: 0, reviews_deleted: 0 });
    expect(await row(old.id)).toBeUndefined();
    expect(await row(oldPayment.id)).toBeUndefined();
    expect(await row(recent.id)).toMatchObject({ subject_id: subjectId, anonymised_at: null });
    expect(await row(oldHeld.id)).toEqual(heldRow);
    expect((await exported(subjectId)).data.decisions.map((decision) => decision.id)).toEqual([recent.id]);
    expect(await retention.execute(now)).toMatchObject({ decisions_anonymised: 0, holds_ended: 0 });
  });

  it('CLOSE_ACCOUNT starts the hold; retention keeps held decisions until it ends, then nothing of the subject is left but block-list entries', async () => {
    freshHour();
    const subjectId = `user-${randomUUID()}`;
    const device = androidDevice();
    const [id, card, phone] = [idNumber(), cardNumber(), mobile()];
    await new AddListEntryUseCase(context.lists, testVault, context.clock).execute(ANALYST, { list: 'id_block', value: id, reason: 'fraud ring case 77' });
    const kyc = await event(subjectId, device, 'KYC', { idNumber: id, phone });
    expect(kyc.live.reasons[0]).toMatchObject({ code: 'ID_NUMBER_BLOCKED' });
    const bind = await event(subjectId, device, 'BIND_CARD', { cardNumber: card, phone });
    const payment = await event(subjectId, device, 'PAYMENT', { amount: 5000, phone, gps: { lat: 22.5431, lon: 114.0579 } });
    const review = await explain.execute({ decisionId: payment.id, subjectId, requestHumanReview: true, requestId: randomUUID() });
    const snapshots = (await Promise.all([kyc, bind, payment].map((decision) => row(decision.id)))).map((decision) =>
      (decision!['sensitive_snapshot_enc'] as Buffer).toString('hex'),
    );
    const deleteId = randomUUID();
    await erase.execute({ subjectId, mode: 'DELETE', requestId: deleteId });
    const login = await event(subjectId, device, 'LOGIN');
    const heldBind = await row(bind.id);

    const closeId = randomUUID();
    const answer = await erase.execute({ subjectId, mode: 'CLOSE_ACCOUNT', requestId: closeId });
    const holdUntil = policy.holdUntil(context.clock.now());
    expect(answer).toEqual({ deleted: 1, anonymised: 1, held: [expect.objectContaining({ records: 2, holdUntil: holdUntil.toISOString() })] });
    for (const decision of [bind, payment]) expect(await row(decision.id)).toMatchObject({ restricted_at: expect.any(Date), hold_until: holdUntil });
    expect((await exported(subjectId)).held).toEqual(answer.held);

    // Closing the account is no way around a block: the ID number still hits, for anyone.
    const stranger = await event(`user-${randomUUID()}`, androidDevice(), 'KYC', { idNumber: id });
    expect(stranger.live.outcome).toBe('DENY');
    expect(stranger.live.reasons[0]).toMatchObject({ code: 'ID_NUMBER_BLOCKED' });

    // Before the hold ends nothing held goes, however often retention runs.
    await retention.execute(new Date(holdUntil.getTime() - DAY));
    expect(await row(bind.id)).toEqual({ ...heldBind, hold_until: holdUntil });
    expect(await row(payment.id)).toMatchObject({ restricted_at: expect.any(Date), hold_until: holdUntil });
    // Audit entries about the subject still waiting in the outbox are never dropped: the relay delivers them first.
    expect((await auditCopies(subjectId)).map((copy) => copy.status)).toContain('PENDING');
    await deliverAuditEntries();

    const farFuture = new Date(holdUntil.getTime() + DAY);
    const counts = await retention.execute(farFuture);
    expect(counts.holds_ended).toBe(2);

    const markers = [
      subjectId,
      deleteId,
      closeId,
      review.review!.id,
      kyc.id,
      bind.id,
      payment.id,
      login.id,
      id,
      card,
      phone,
      testVault.blindIndex('id_number', id),
      testVault.blindIndex('bank_card', card),
      testVault.blindIndex('mobile', phone),
      ...snapshots.map((hex) => hex.slice(0, 64)),
    ];
    const tables = (
      (await context.dataSource.query(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'risk' AND c.relkind IN ('r', 'p') ORDER BY 1`,
      )) as Array<{ name: string }>
    ).map((table) => table.name);
    expect(tables).toEqual(expect.arrayContaining(['decisions', 'decision_reviews', 'velocity_events', 'erasures', 'outbox', 'devices', 'list_entries']));
    for (const table of tables.filter((name) => name !== 'list_entries')) {
      const found = (await context.dataSource.query(`SELECT t::text AS text FROM risk."${table}" t`)) as Array<{ text: string }>;
      for (const { text } of found) for (const marker of markers) expect(text, `${table} still holds a trace of the subject`).not.toContain(marker);
    }
    expect(await exported(subjectId)).toEqual({ data: { decisions: [], legal_hold: [] }, held: [] });
    expect(await retention.execute(farFuture)).toEqual({
      decisions_anonymised: 0,
      holds_ended: 0,
      reviews_deleted: 0,
      erasure_receipts_purged: 0,
      outbox_purged: 0,
    });

    // The block stays, by its blind index, and still hits.
    expect(
      await context.dataSource.query(`SELECT list FROM risk.list_entries WHERE value = $1 AND removed_at IS NULL`, [testVault.blindIndex('id_number', id)]),
    ).toEqual([{ list: 'id_block' }]);
    const after = await event(`user-${randomUUID()}`, androidDevice(), 'KYC', { idNumber: id });
    expect(after.live.outcome).toBe('DENY');
    expect(after.live.reasons[0]).toMatchObject({ code: 'ID_NUMBER_BLOCKED' });
  });
});
