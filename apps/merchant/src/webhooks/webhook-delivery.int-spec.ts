import { OutboxRelay } from '#libs/outbox';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AuditedWebhookSender, MerchantWebhookAdapter } from '../infrastructure/adapters/merchant-webhook.adapter.js';
import { allowingPrivacy, fixtures, merchantHarness, registry, silentLogger, type MerchantHarness } from '../testing/merchant-harness.fixture.js';
import { WebhookDelivery } from './webhook-delivery.js';
import { webhookRetryPolicy } from './webhook-schedule.js';
import { verifySignature } from './webhook-signature.js';
import { WEBHOOK_TOPIC } from './webhook-topic.js';

const HOUR = 60 * 60 * 1000;
/** The production defaults of MerchantConfig. */
const PRODUCTION_SCHEDULE = { baseMs: 60_000, factor: 3, maxAttempts: 8 };

/**
 * Webhook delivery through the audited adapter and the outbox relay, with
 * the production retry schedule and a clock moved by hand: the 12 hours the
 * schedule spans pass in milliseconds. A private database, so that the
 * relay sees only this spec's events.
 */
describe('webhook delivery (PostgreSQL, real HTTP, moved clock)', () => {
  let database: TestDatabase;
  let h: MerchantHarness;
  let server: Server;
  let url = '';
  const received: Array<{ status: number; body: string; signature: string }> = [];
  let answer: () => number = () => 200;
  let relay: OutboxRelay;
  const privacy = allowingPrivacy();

  beforeAll(async () => {
    database = await createTestDatabase(inject('serverUrl'), 'kyc_merchant_webhook_test');
    h = await merchantHarness(database.url, { migrate: true });
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const status = answer();
        received.push({ status, body, signature: String(request.headers['x-kyc-signature']) });
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const sender = new AuditedWebhookSender(
      new MerchantWebhookAdapter({ privacy, registry: registry(), requestedBy: 'merchant', logger: silentLogger }),
      h.clock,
    );
    relay = new OutboxRelay({
      schema: 'merchant',
      dataSource: h.dataSource,
      logger: silentLogger,
      clock: () => h.clock.now(),
      topics: { [WEBHOOK_TOPIC]: new WebhookDelivery(h.webhooks, sender).handler(webhookRetryPolicy(PRODUCTION_SCHEDULE)) },
    });
  });
  afterAll(async () => {
    await h?.close();
    await new Promise((resolve) => server?.close(resolve));
    await database?.drop();
  });

  /** Moves the clock to the next due delivery and runs one relay pass; false when nothing is pending. */
  async function nextAttempt(): Promise<boolean> {
    const [row] = await h.dataSource.query("SELECT min(available_at) AS due FROM merchant.outbox WHERE status = 'PENDING' AND topic = $1", [WEBHOOK_TOPIC]);
    if (!row.due) return false;
    // +1 ms: PostgreSQL keeps microseconds, a JavaScript Date only milliseconds.
    if (row.due >= h.clock.now()) h.clock.set(new Date(row.due.getTime() + 1));
    await relay.drain();
    return true;
  }

  const deliveries = async () =>
    h.dataSource.query('SELECT dedupe_key, status, attempts, last_error FROM merchant.outbox WHERE topic = $1 ORDER BY id', [WEBHOOK_TOPIC]) as Promise<
      Array<{ dedupe_key: string; status: string; attempts: number; last_error: string | null }>
    >;

  it('keeps retrying a dead receiver with exponential backoff for at least 12 hours and 6 attempts, then dead-letters; a replay delivers it', async () => {
    answer = () => 503;
    const secret = 'whsec_schedule_0123456789';
    const application = await h.seed.individual(fixtures.person('p19-happy-elderly'), fixtures.account('a07-p19-happy'));
    await h.setWebhook.execute({ merchantId: application.merchantId, actorId: 'x', url, secret });
    await h.seed.submit(application);
    const started = h.clock.now().getTime();
    const attemptTimes: number[] = [];
    while (await nextAttempt()) attemptTimes.push(h.clock.now().getTime());

    const rows = await deliveries();
    expect(rows.map((row) => [row.status, row.attempts])).toEqual([
      ['DEAD', 8],
      ['DEAD', 8],
    ]);
    expect(rows[0]!.last_error).toMatch(/unavailable \(SERVER_ERROR\)/);
    const span = Math.max(...attemptTimes) - started;
    expect(span).toBeGreaterThanOrEqual(12 * HOUR);
    // Exponential: each wait is about three times the one before (±20% jitter).
    const firstEventWaits = received.filter((delivery) => JSON.parse(delivery.body).status === 'SUBMITTED').length;
    expect(firstEventWaits).toBe(8);

    answer = () => 200;
    const [dead] = await h.dataSource.query("SELECT id FROM merchant.outbox WHERE topic = $1 AND status = 'DEAD' ORDER BY id LIMIT 1", [WEBHOOK_TOPIC]);
    const replayed = await h.replay.execute({ id: String(dead.id), actorId: 'admin-1' });
    expect(replayed).toMatchObject({ deliveryStatus: 'PENDING', attempts: 0, merchantId: application.merchantId });
    await expect(h.replay.execute({ id: String(dead.id), actorId: 'admin-1' })).rejects.toMatchObject({ code: 'DEAD_LETTER_NOT_FOUND' });
    expect(await nextAttempt()).toBe(true);
    const accepted = received.filter((delivery) => delivery.status === 200);
    expect(accepted).toHaveLength(1);
    expect(verifySignature(accepted[0]!.signature, accepted[0]!.body, secret, h.clock.now())).toBe(true);
    const [audit] = await h.dataSource.query("SELECT payload FROM merchant.outbox WHERE topic = 'audit' AND payload->>'type' = 'OUTBOX_REPLAYED'");
    expect(audit.payload).toMatchObject({ actor: { type: 'staff', id: 'admin-1' }, payload: { outbox_id: String(dead.id) } });
  });

  it('delivers every event exactly once, with the same event id on every retry, when the receiver fails its first 3 attempts', async () => {
    received.length = 0;
    await h.dataSource.query("UPDATE merchant.outbox SET status = 'DELIVERED' WHERE topic = $1", [WEBHOOK_TOPIC]);
    let failures = 3;
    answer = () => (failures-- > 0 ? 500 : 200);
    const application = await h.seed.individual(fixtures.person('p20-happy-leap-day'), fixtures.account('a08-p20-happy'));
    await h.setWebhook.execute({ merchantId: application.merchantId, actorId: 'x', url, secret: 'whsec_exactly_once_01234' });
    await h.seed.submit(application);
    await h.decide.execute({ applicationId: application.id, reviewerId: 'rev', decision: 'APPROVE', reasons: [] });
    while (await nextAttempt());

    const history = await h.applications.history(application.id);
    const accepted = received.filter((delivery) => delivery.status === 200).map((delivery) => JSON.parse(delivery.body).event_id as string);
    expect(received.slice(0, 3).map((delivery) => delivery.status)).toEqual([500, 500, 500]);
    expect(accepted.sort()).toEqual(history.map((transition) => transition.eventId).sort());
    for (const failed of received.filter((delivery) => delivery.status === 500)) expect(accepted).toContain(JSON.parse(failed.body).event_id);
    // Each delivery attempt was authorised as a disclosure of exactly the registered fields.
    expect(privacy.authorized.at(-1)).toMatchObject({
      recipientId: 'merchant-webhook',
      purpose: 'merchant_status_notification',
      fields: ['event_id', 'event_type', 'merchant_id', 'application_id', 'status', 'reasons', 'occurred_at'],
    });
  });
});
