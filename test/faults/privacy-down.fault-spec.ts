import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSandboxFixtures } from '../../apps/sandbox-verifiers/src/fixtures/index.js';
import { freePorts } from '../../scripts/stack/ports.js';
import { gateway, grantConsents, merchantSubmit, type Answer, type Gateway } from './support/flows.js';
import { startFaultStack, type FaultStack } from './support/fault-stack.js';
import { webhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const fixtures = loadSandboxFixtures();
const person = fixtures.person('p01-happy');
const SECRET = 'whsec_privacy_down_0123456789abcdef';

interface Recorded {
  counts: Record<string, number>;
}

/**
 * With the privacy service down, no disclosure can be authorised, so no
 * personal data may leave: the verifiers receive nothing, and callers get a
 * clear answer rather than a hang or a silent success. Every path out is
 * tried in turn (the KYC ID, face and card factors, a merchant submission's
 * real-name and settlement-account checks, a merchant's status webhook),
 * each during an outage of its own, and each must work again once privacy
 * is back: exactly once, nothing lost, nothing held against the user.
 */
describe('the privacy service down', () => {
  let fault: FaultStack;
  let call: Gateway;
  let receiver: WebhookReceiver;
  let receiverPort = 0;

  beforeAll(async () => {
    [receiverPort] = (await freePorts(1)) as [number];
    // The merchant webhook receiver stays up throughout: only privacy is away.
    receiver = webhookReceiver(receiverPort, SECRET);
    await receiver.start();
    fault = await startFaultStack({
      merchant: {
        // A submission left SUBMITTED is retried within a second, so recovery is seen without waiting minutes.
        SUBMISSION_RETRY_BASE_MS: '300',
        SUBMISSION_RETRY_MAX_MS: '1000',
        SUBMISSION_POLL_INTERVAL_MS: '200',
        // Webhook attempts every 0.2 s growing by 1.3×, 20 of them (~95 s): an outage of this spec's length
        // must not use them up (the e2e schedule, 6 attempts in ~4 s, would dead-letter the event).
        WEBHOOK_RETRY_BASE_MS: '200',
        WEBHOOK_RETRY_FACTOR: '1.3',
        WEBHOOK_MAX_ATTEMPTS: '20',
        OUTBOX_POLL_INTERVAL_MS: '100',
      },
    });
    call = gateway(fault.stack.gatewayUrl);
  });

  // Each path starts with privacy reachable from the gateway: healthy is not yet reconnected (a channel's backoff is 2 s at most).
  beforeEach(async () => {
    const token = await fault.token(['user']);
    await expect.poll(async () => (await call('GET', '/v1/me/consents', token)).status, { timeout: 10_000, interval: 100 }).toBe(200);
  });

  afterAll(async () => {
    await receiver?.stop();
    await fault?.close();
  });

  const sandboxCounts = async (): Promise<Record<string, number>> =>
    ((await (await fetch(`${fault.stack.sandboxUrl}/__sandbox/requests`)).json()) as Recorded).counts;
  const sandboxCalls = async (): Promise<number> => Object.values(await sandboxCounts()).reduce((sum, count) => sum + count, 0);
  /** Calls per verifier endpoint since `before`, only those that got any. */
  const sandboxSince = async (before: Record<string, number>): Promise<Record<string, number>> =>
    Object.fromEntries(
      Object.entries(await sandboxCounts())
        .map(([path, count]) => [path.replace('/faceid/v1/', ''), count - (before[path] ?? 0)] as const)
        .filter(([, count]) => count !== 0),
    );

  /**
   * Kills privacy, runs `during`, and starts privacy again even when `during`
   * fails, so one path's failure does not leave the next path without privacy.
   * Returns when privacy was healthy again.
   */
  const withPrivacyDown = async (during: () => Promise<void>): Promise<number> => {
    await fault.stack.stopApp('privacy', 'SIGKILL');
    try {
      await during();
    } finally {
      await fault.stack.startApp('privacy');
    }
    return Date.now();
  };

  /** Repeats a call while its answer names privacy as the cause (a caller's channel may still be in its reconnect backoff, 2 s at most). */
  const retryWhilePrivacyUnavailable = async (attempt: () => Promise<Answer>, since: number): Promise<Answer> => {
    let answer = await attempt();
    while (answer.body['code'] === 'PRIVACY_UNAVAILABLE' && Date.now() - since < 5_000) {
      await sleep(100);
      answer = await attempt();
    }
    return answer;
  };

  const application = async (id: string) =>
    (await fault.sql<{ status: string; check_attempts: number }>('SELECT status, check_attempts FROM merchant.applications WHERE id = $1', [id]))[0]!;
  const transitions = async (id: string) =>
    fault.sql<{ event_id: string; to_status: string }>(
      'SELECT event_id::text, to_status FROM merchant.application_transitions WHERE application_id = $1 ORDER BY seq',
      [id],
    );
  const checksOf = (view: Answer): Record<string, string> =>
    Object.fromEntries(((view.body['checks'] ?? []) as Array<{ check: string; result: string }>).map((check) => [check.check, check.result]));

  it('sends nothing to any recipient and answers with a clear code, then works again when it is back', async () => {
    const token = await fault.token(['user']);
    await call('POST', '/v1/me/consents', token, { purpose: 'real_name_verification', policy_version: '2026-10' });
    const session = await call('POST', '/v1/kyc/sessions', token, { target_level: 'L1' });
    const id = session.body['id'] as string;
    const before = await sandboxCalls();

    await fault.stack.stopApp('privacy', 'SIGKILL');
    const answers = [];
    for (let attempt = 0; attempt < 3; attempt++)
      answers.push(await call('POST', `/v1/kyc/sessions/${id}/identity`, token, { name: person.name, id_number: person.idNumber }));
    expect(await sandboxCalls()).toBe(before);
    // Nothing was checked, so there is no factor result: a retryable 503 naming the cause.
    for (const answer of answers) expect(answer).toMatchObject({ status: 503, body: { code: 'PRIVACY_UNAVAILABLE' } });
    const consents = await call('GET', '/v1/me/consents', token);
    expect(consents).toMatchObject({ status: 503, body: { code: 'SERVICE_UNAVAILABLE' } });

    await fault.stack.startApp('privacy');
    // Healthy is not yet reconnected: identity's channel may still be in its reconnect backoff (2 s at most).
    const back = Date.now();
    let retried = await call('POST', `/v1/kyc/sessions/${id}/identity`, token, { name: person.name, id_number: person.idNumber });
    while (retried.body['code'] === 'PRIVACY_UNAVAILABLE' && Date.now() - back < 5_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      retried = await call('POST', `/v1/kyc/sessions/${id}/identity`, token, { name: person.name, id_number: person.idNumber });
    }
    process.stdout.write(
      `privacy down: ${answers.length} refused with PRIVACY_UNAVAILABLE, sandbox calls +0; working again ${Date.now() - back} ms after privacy was healthy\n`,
    );
    expect(retried.body).toMatchObject({ result: 'MATCH' });
    expect(await sandboxCalls()).toBe(before + 1);
  });

  it('takes no face or card factor on a session whose ID already matched, and takes each exactly once when it is back', async () => {
    const token = await fault.token(['user']);
    await grantConsents(call, token);
    const session = await call('POST', '/v1/kyc/sessions', token, { target_level: 'L3' });
    expect(session.status, JSON.stringify(session.body)).toBe(201);
    const id = session.body['id'] as string;
    expect((await call('POST', `/v1/kyc/sessions/${id}/identity`, token, { name: person.name, id_number: person.idNumber })).body).toMatchObject({
      result: 'MATCH',
      session: { level: 'L1' },
    });
    const face = () =>
      call('POST', `/v1/kyc/sessions/${id}/liveness`, token, { liveness_score: person.livenessScore, face_image: fixtures.photoBase64(person.selfie) });
    const card = () => call('POST', `/v1/kyc/sessions/${id}/bank-card`, token, { card_number: person.bankCard, phone: person.phone });
    const before = await sandboxCounts();

    const refused: Answer[] = [];
    let during: Answer | undefined;
    const back = await withPrivacyDown(async () => {
      for (let attempt = 0; attempt < 2; attempt++) refused.push(await face(), await card());
      expect(await sandboxSince(before)).toEqual({});
      for (const answer of refused) expect(answer, JSON.stringify(answer.body)).toMatchObject({ status: 503, body: { code: 'PRIVACY_UNAVAILABLE' } });
      during = await call('GET', `/v1/kyc/sessions/${id}`, token);
    });
    // The session is as it was: the ID match only, no face or card factor and no failed attempt recorded.
    expect(during, JSON.stringify(during?.body)).toMatchObject({ status: 200, body: { status: 'OPEN', level: 'L1' } });
    expect((during!.body['factors'] as Array<{ type: string }>).map((factor) => factor.type)).toEqual(['IDENTITY']);

    const faceAgain = await retryWhilePrivacyUnavailable(face, back);
    const faceMs = Date.now() - back;
    const cardAgain = await retryWhilePrivacyUnavailable(card, back);
    const sent = await sandboxSince(before);
    process.stdout.write(
      `privacy down, face and card: ${refused.length} refused with PRIVACY_UNAVAILABLE, sandbox calls +0; working again ${faceMs} ms after privacy was healthy; then ${JSON.stringify(sent)}\n`,
    );
    expect(faceAgain, JSON.stringify(faceAgain.body)).toMatchObject({ status: 200, body: { type: 'LIVENESS', result: 'MATCH' } });
    expect(cardAgain, JSON.stringify(cardAgain.body)).toMatchObject({
      status: 200,
      body: { type: 'BANK_CARD', result: 'MATCH', session: { level: 'L3', status: 'VERIFIED' } },
    });
    expect(sent).toEqual({ 'image-recognition': 1, 'bank-card-4e-verification': 1 });
  });

  it('leaves a merchant submission SUBMITTED with its checks UNAVAILABLE, sends nothing, and the retry job completes it when it is back', async () => {
    const token = await fault.token(['merchant'], { merchantId: 'm-privacy-down-submit', sub: 'privacy-down-submit' });
    const reviewer = await fault.token(['reviewer']);
    const before = await sandboxCounts();

    let id = '';
    let submitted: Awaited<ReturnType<typeof merchantSubmit>> | undefined;
    let attemptsDuring = 0;
    let historyDuring: string[] = [];
    let checksDuring: Record<string, string> = {};
    const back = await withPrivacyDown(async () => {
      // Uploads, the form and the submit itself: everything up to the checks that would disclose.
      submitted = await merchantSubmit(fault.stack.gatewayUrl, call, token, 1);
      expect(submitted.acknowledged, JSON.stringify(submitted.body)).toBeDefined();
      id = submitted.acknowledged!;
      // A few tries of the background job while privacy is still away: none gets through, none rejects.
      await sleep(2_500);
      expect(await sandboxSince(before)).toEqual({});
      const view = await call('GET', `/v1/analyst/merchant-applications/${id}`, reviewer);
      expect(view.status, JSON.stringify(view.body)).toBe(200);
      checksDuring = checksOf(view);
      const row = await application(id);
      attemptsDuring = row.check_attempts;
      historyDuring = (await transitions(id)).map((transition) => transition.to_status);
      expect(row.status).toBe('SUBMITTED');
    });
    // The submit answers 200 with the outage status: recorded, neither lost nor rejected.
    expect(submitted).toMatchObject({ status: 200, body: { status: 'SUBMITTED' } });
    expect(historyDuring).toEqual(['SUBMITTED']);
    expect(attemptsDuring).toBeGreaterThanOrEqual(2);
    expect(checksDuring).toMatchObject({ REAL_NAME: 'UNAVAILABLE', SETTLEMENT_ACCOUNT: 'UNAVAILABLE' });

    await expect.poll(async () => (await application(id)).status, { timeout: 30_000, interval: 100 }).not.toBe('SUBMITTED');
    const doneMs = Date.now() - back;
    const after = await application(id);
    const view = await call('GET', `/v1/analyst/merchant-applications/${id}`, reviewer);
    const sent = await sandboxSince(before);
    process.stdout.write(
      `privacy down, merchant submit: answered ${submitted!.status} SUBMITTED, ${attemptsDuring} incomplete check runs with ${JSON.stringify(checksDuring)}, sandbox calls +0, history ${historyDuring.join(' → ')}; ` +
        `${after.status} ${doneMs} ms after privacy was healthy (${after.check_attempts} incomplete check runs in all), then ${JSON.stringify(sent)}\n`,
    );
    expect(after.status).toBe('IN_REVIEW');
    expect((await transitions(id)).map((transition) => transition.to_status)).toEqual(['SUBMITTED', 'IN_REVIEW']);
    expect(checksOf(view)).toMatchObject({ REAL_NAME: 'PASS', SETTLEMENT_ACCOUNT: 'PASS' });
    // Each billed check asked exactly once, after privacy was back.
    expect(sent).toEqual({ 'id-card-verification': 1, 'bank-account-verification': 1 });
  });

  it('delivers no merchant webhook while it is down, and each held status change exactly once when it is back', async () => {
    const merchantId = 'm-privacy-down-webhook';
    const token = await fault.token(['merchant'], { merchantId, sub: 'privacy-down-webhook' });
    const reviewers = [await fault.token(['reviewer']), await fault.token(['reviewer'])];
    const admin = await fault.token(['admin']);
    expect((await call('PUT', '/v1/merchant/webhook', token, { url: `http://127.0.0.1:${receiverPort}/hooks`, secret: SECRET })).status).toBe(200);
    const submitted = await merchantSubmit(fault.stack.gatewayUrl, call, token, 2);
    expect(submitted, JSON.stringify(submitted.body)).toMatchObject({ status: 200, body: { status: 'IN_REVIEW' } });
    const id = submitted.acknowledged!;
    const mine = () => receiver.deliveries.filter((delivery) => delivery.applicationId === id);
    // While privacy is up, SUBMITTED and IN_REVIEW arrive: the receiver works.
    await expect.poll(() => mine().length, { timeout: 20_000, interval: 100 }).toBe(2);
    const deliveredBefore = mine().length;
    const sandboxBefore = await sandboxCounts();

    let held: Array<{ event_id: string; to_status: string }> = [];
    let outbox: Array<{ status: string; attempts: number; last_error: string | null }> = [];
    const back = await withPrivacyDown(async () => {
      for (const reviewer of reviewers) {
        if ((await application(id)).status !== 'IN_REVIEW') break;
        const approved = await call('POST', `/v1/analyst/merchant-applications/${id}/approve`, reviewer, {});
        expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      }
      const activated = await call('POST', `/v1/admin/merchant-applications/${id}/activate`, admin, {});
      expect(activated, JSON.stringify(activated.body)).toMatchObject({ status: 200, body: { status: 'ACTIVE' } });
      held = (await transitions(id)).filter((transition) => ['APPROVED', 'ACTIVE'].includes(transition.to_status));
      expect(held.map((transition) => transition.to_status)).toEqual(['APPROVED', 'ACTIVE']);
      // Several delivery attempts, each refused before anything was sent.
      await sleep(3_000);
      expect(mine().length).toBe(deliveredBefore);
      outbox = await fault.sql(
        `SELECT status, attempts, last_error FROM merchant.outbox WHERE topic = 'merchant_webhook' AND payload->>'event_id' = ANY($1::text[])`,
        [held.map((transition) => transition.event_id)],
      );
    });
    // Held, not dead-lettered: each still pending after several attempts refused for want of an authorisation.
    expect(outbox).toHaveLength(2);
    for (const message of outbox) {
      expect(message).toMatchObject({ status: 'PENDING', last_error: expect.stringContaining('could not be authorised') });
      expect(message.attempts).toBeGreaterThanOrEqual(2);
    }

    const heldIds = held.map((transition) => transition.event_id);
    await expect.poll(() => heldIds.every((eventId) => mine().some((delivery) => delivery.eventId === eventId)), { timeout: 30_000, interval: 100 }).toBe(true);
    const deliveredMs = Date.now() - back;
    // Long enough for several more relay passes: a second delivery of the same event would show here.
    await sleep(2_000);
    const all = await transitions(id);
    const received = mine();
    const [fewest, most] = [Math.min(...outbox.map((message) => message.attempts)), Math.max(...outbox.map((message) => message.attempts))];
    process.stdout.write(
      `privacy down, merchant webhook: ${held.length} status changes held, ${fewest === most ? fewest : `${fewest}–${most}`} attempts each refused (${outbox[0]?.last_error}), 0 delivered; ` +
        `all delivered ${deliveredMs} ms after privacy was healthy; ${all.length} status changes → ${received.length} deliveries, ${new Set(received.map((delivery) => delivery.eventId)).size} distinct event ids\n`,
    );
    expect(received.map((delivery) => delivery.eventId).sort()).toEqual(all.map((transition) => transition.event_id).sort());
    expect(received.every((delivery) => delivery.valid)).toBe(true);
    expect(await sandboxSince(sandboxBefore)).toEqual({});
    expect(await fault.sql(`SELECT id FROM merchant.outbox WHERE status = 'DEAD'`)).toEqual([]);
  });
});
