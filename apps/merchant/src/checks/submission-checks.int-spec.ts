import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { fixtures, merchantHarness, type MerchantHarness } from '../testing/merchant-harness.fixture.js';

/**
 * The automated checks on submit, upstreams faked: hard failures reject
 * with per-field reasons, outages leave the application SUBMITTED for the
 * background job (never lost, never rejected), duplicates are found under a
 * lock, and flagged applications need two different reviewers.
 */
const pilotCompany = fixtures.account('e02-happy').company!.creditCode;
/** A code the registry is taken to show although its check character is wrong (CREDIT_CODE_PILOT_CODES). */
const PILOT_CODE = pilotCompany.slice(0, 17) + ['C', 'D', 'E'].find((character) => character !== pilotCompany[17])!;

describe('submission checks (PostgreSQL)', () => {
  let h: MerchantHarness;
  beforeAll(async () => {
    h = await merchantHarness(inject('databaseUrl'), { retry: { baseMs: 1000, maxMs: 8000 }, pilotCodes: [PILOT_CODE] });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.realName.answer = () => ({ result: 'MATCH', reasonCode: '', retryable: false });
    h.accounts.answer = () => ({ result: 'MATCH', detail: '0' });
    h.risk.answer = () => ({ decision: 'ALLOW', score: 3, decisionId: 'd-1' });
  });

  it('rejects a hard failure with per-field reasons, recorded as the system', async () => {
    h.realName.answer = () => ({ result: 'NO_RECORD', reasonCode: 'ID_NO_RECORD', retryable: false });
    h.accounts.answer = () => ({ result: 'UNKNOWN_ACCOUNT', detail: '-9' });
    const rejected = await h.seed.submit(await h.seed.individual());
    expect(rejected).toMatchObject({
      status: 'REJECTED',
      reasons: [
        { field: 'owner.id_number', reason: 'ID_NO_RECORD' },
        { field: 'settlement_account.account_number', reason: 'ACCOUNT_NOT_FOUND' },
      ],
    });
    expect((await h.applications.history(rejected.id)).at(-1)).toMatchObject({
      from: 'SUBMITTED',
      to: 'REJECTED',
      actor: { type: 'SYSTEM' },
      reasons: rejected.reasons,
    });
  });

  it('fails a bad credit-code check character locally, without any upstream call', async () => {
    const before = { realName: h.realName.calls.length, accounts: h.accounts.calls, risk: h.risk.calls };
    const code = fixtures.account('e02-happy').company!.creditCode;
    const wrong = code.slice(0, 17) + (code[17] === 'A' ? 'B' : 'A');
    const rejected = await h.seed.submit(await h.seed.enterprise(fixtures.account('e02-happy'), wrong));
    expect(rejected.reasons).toEqual([{ field: 'business_license.credit_code', reason: 'CREDIT_CODE_CHECK_DIGIT' }]);
    expect({ realName: h.realName.calls.length, accounts: h.accounts.calls, risk: h.risk.calls }).toEqual(before);
  });

  it('accepts a listed pilot credit code with a wrong check character, marked for the reviewer', async () => {
    const submitted = await h.seed.submit(await h.seed.enterprise(fixtures.account('e02-happy'), PILOT_CODE));
    expect(submitted.checks.find((check) => check.check === 'CREDIT_CODE')).toMatchObject({ result: 'PASS', detail: 'PILOT_CODE' });
    expect(submitted.reasons ?? []).not.toContainEqual(expect.objectContaining({ field: 'business_license.credit_code' }));
  });

  it('leaves an application SUBMITTED through an outage, asks only the checks still missing, and the job finishes it', async () => {
    h.realName.answer = () => ({ result: 'UNAVAILABLE', reasonCode: 'UPSTREAM_RATE_LIMITED', retryable: true });
    const draft = await h.seed.individual(fixtures.person('p23-merchant-owner'), fixtures.account('a12-p23-happy'));
    const waiting = await h.seed.submit(draft);
    expect(waiting).toMatchObject({ status: 'SUBMITTED', checkAttempts: 1 });
    expect(waiting.checks.find((check) => check.check === 'REAL_NAME')).toMatchObject({ result: 'UNAVAILABLE', detail: 'UPSTREAM_RATE_LIMITED' });
    const dueAt = waiting.nextCheckAt!.getTime() - h.clock.now().getTime();
    expect(dueAt).toBeGreaterThanOrEqual(800);
    expect(dueAt).toBeLessThanOrEqual(1200);

    // Not due yet: the job leaves it alone.
    const accountCalls = h.accounts.calls;
    await h.scheduler.pass();
    expect((await h.applications.findById(draft.id))!.status).toBe('SUBMITTED');

    // Still down at the next try: the wait doubles, nothing is rejected.
    h.clock.advance(1300);
    await h.scheduler.pass();
    const stillWaiting = (await h.applications.findById(draft.id))!;
    expect(stillWaiting).toMatchObject({ status: 'SUBMITTED', checkAttempts: 2 });
    expect(stillWaiting.nextCheckAt!.getTime() - h.clock.now().getTime()).toBeGreaterThanOrEqual(1600);

    h.realName.answer = () => ({ result: 'MATCH', reasonCode: '', retryable: false });
    h.clock.advance(2500);
    await h.scheduler.pass();
    const done = (await h.applications.findById(draft.id))!;
    expect(done.status).toBe('IN_REVIEW');
    // The account check answered on the first try and is billed per call: it was not asked again.
    expect(h.accounts.calls).toBe(accountCalls);
    expect((await h.applications.history(draft.id)).map((t) => t.to)).toEqual(['SUBMITTED', 'IN_REVIEW']);
  });

  it('lets only one worker take a due application', async () => {
    h.risk.answer = () => ({ decision: 'UNAVAILABLE', detail: 'SERVICE_UNAVAILABLE' });
    const draft = await h.seed.individual(fixtures.person('p02-happy'), fixtures.account('a02-p02-happy'));
    await h.seed.submit(draft);
    h.clock.advance(5000);
    const [first, second] = await Promise.all([
      h.applications.claimDueForChecks(h.clock.now(), 60_000, 100),
      h.applications.claimDueForChecks(h.clock.now(), 60_000, 100),
    ]);
    expect([...first, ...second].filter((id) => id === draft.id)).toHaveLength(1);
  });

  it('lets the first of two racing submissions for the same company into review and rejects the other as a duplicate', async () => {
    const account = fixtures.account('e03-happy');
    const [a, b] = [await h.seed.enterprise(account), await h.seed.enterprise(account)];
    const results = await Promise.all([h.seed.submit(a), h.seed.submit(b)]);
    expect(results.map((result) => result.status).sort()).toEqual(['IN_REVIEW', 'REJECTED']);
    const loser = results.find((result) => result.status === 'REJECTED')!;
    expect(loser.reasons).toEqual(expect.arrayContaining([{ field: 'business_license.credit_code', reason: 'DUPLICATE_MERCHANT' }]));
    // Once the winner is rejected too, the same company may apply again.
    const winner = results.find((result) => result.status === 'IN_REVIEW')!;
    await h.decide.execute({
      applicationId: winner.id,
      reviewerId: 'rev',
      decision: 'REJECT',
      reasons: [{ field: 'company.name', reason: 'Not the registered name' }],
    });
    expect((await h.seed.submit(await h.seed.enterprise(account))).status).toBe('IN_REVIEW');
  });

  it('needs two different reviewers when risk flags the application, and counts concurrent approvals exactly once each', async () => {
    h.risk.answer = () => ({ decision: 'REVIEW', score: 72, decisionId: 'd-review' });
    const flagged = await h.seed.submit(await h.seed.individual(fixtures.person('p01-happy'), fixtures.account('a01-p01-happy')));
    expect(flagged).toMatchObject({ status: 'IN_REVIEW', approvalsRequired: 2 });
    expect(flagged.checks.find((check) => check.check === 'RISK')).toMatchObject({ result: 'FLAG', detail: 'REVIEW', score: 72, decisionId: 'd-review' });

    const first = await h.decide.execute({ applicationId: flagged.id, reviewerId: 'rev-a', decision: 'APPROVE', reasons: [] });
    expect(first.status).toBe('IN_REVIEW');
    await expect(h.decide.execute({ applicationId: flagged.id, reviewerId: 'rev-a', decision: 'APPROVE', reasons: [] })).rejects.toMatchObject({
      code: 'SECOND_REVIEWER_REQUIRED',
    });
    // Two more reviewers at once: the second approval wins, the third finds it already approved.
    const racing = await Promise.allSettled(
      ['rev-b', 'rev-c'].map((reviewerId) => h.decide.execute({ applicationId: flagged.id, reviewerId, decision: 'APPROVE', reasons: [] })),
    );
    expect(racing.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(racing.find((result) => result.status === 'rejected')).toMatchObject({ reason: { code: 'ILLEGAL_TRANSITION' } });
    expect((await h.applications.history(flagged.id)).filter((t) => t.to === 'APPROVED')).toHaveLength(1);
    expect((await h.applications.decisions(flagged.id)).map((decision) => decision.reviewerId).sort()).toEqual(expect.arrayContaining(['rev-a']));
  });

  it('refuses reasons that carry personal data, writing nothing', async () => {
    const application = await h.seed.submit(await h.seed.individual(fixtures.person('p04-happy-minority-name'), fixtures.account('a04-p04-happy')));
    const person = fixtures.person('p04-happy-minority-name');
    await expect(
      h.decide.execute({
        applicationId: application.id,
        reviewerId: 'rev',
        decision: 'REJECT',
        reasons: [{ field: 'owner.id_number', reason: `should be ${person.idNumber}` }],
      }),
    ).rejects.toMatchObject({ code: 'REASON_CONTAINS_PERSONAL_DATA' });
    expect((await h.applications.findById(application.id))!.status).toBe('IN_REVIEW');
    expect(await h.applications.decisions(application.id)).toEqual([]);
  });
});
