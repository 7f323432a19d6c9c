import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts } from '../../scripts/stack/ports.js';
import { gateway, merchantSubmit, type Gateway } from './support/flows.js';
import { startFaultStack, type FaultStack } from './support/fault-stack.js';
import { webhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

/**
 * Time is compressed 600×: the production schedule (60 s × 3^n) becomes
 * 100 ms × 3^n, so one real second is ten simulated minutes. The receiver
 * refuses connections for six real seconds, one simulated hour, while
 * merchants move through their statuses. Every status change must arrive
 * once the receiver is back, each event id exactly once, with valid
 * signatures.
 */
const SIMULATED_HOUR_MS = 6000;
const SECRET = 'whsec_fault_test_0123456789abcdef';

describe('webhook receiver down for an hour of simulated time', () => {
  let fault: FaultStack;
  let call: Gateway;
  let port = 0;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    [port] = (await freePorts(1)) as [number];
    receiver = webhookReceiver(port, SECRET);
    fault = await startFaultStack({
      merchant: {
        WEBHOOK_RETRY_BASE_MS: '100',
        WEBHOOK_RETRY_FACTOR: '3',
        WEBHOOK_MAX_ATTEMPTS: '8',
        SUBMISSION_RETRY_BASE_MS: '300',
        SUBMISSION_POLL_INTERVAL_MS: '200',
        OUTBOX_POLL_INTERVAL_MS: '50',
      },
      'sandbox-verifiers': { SANDBOX_RATE_LIMIT_PER_MINUTE: '0' },
    });
    call = gateway(fault.stack.gatewayUrl);
  });

  afterAll(async () => {
    await receiver?.stop();
    await fault?.close();
  });

  it('delivers every status change exactly once per event id after the outage', async () => {
    const reviewers = [await fault.token(['reviewer']), await fault.token(['reviewer'])];
    const admin = await fault.token(['admin']);
    const applications: string[] = [];
    const outageStarted = Date.now();
    for (let index = 0; index < 3; index++) {
      const token = await fault.token(['merchant'], { merchantId: `m-webhook-fault-${index}`, sub: `webhook-fault-${index}` });
      expect((await call('PUT', '/v1/merchant/webhook', token, { url: `http://127.0.0.1:${port}/hooks`, secret: SECRET })).status).toBe(200);
      const submitted = await merchantSubmit(fault.stack.gatewayUrl, call, token, index);
      expect(submitted.acknowledged, JSON.stringify(submitted.body)).toBeDefined();
      applications.push(submitted.acknowledged!);
    }
    for (const id of applications) {
      for (
        let wait = 0;
        wait < 50 && (await fault.sql<{ status: string }>('SELECT status FROM merchant.applications WHERE id = $1', [id]))[0]?.status !== 'IN_REVIEW';
        wait++
      )
        await sleep(200);
      for (const reviewer of reviewers) await call('POST', `/v1/analyst/merchant-applications/${id}/approve`, reviewer, {});
      await call('POST', `/v1/admin/merchant-applications/${id}/activate`, admin, {});
    }
    await sleep(Math.max(0, SIMULATED_HOUR_MS - (Date.now() - outageStarted)));
    expect(receiver.deliveries).toEqual([]);

    await receiver.start();
    const transitions = async () =>
      fault.sql<{ event_id: string; to_status: string }>(
        'SELECT event_id::text, to_status FROM merchant.application_transitions WHERE application_id = ANY($1::uuid[])',
        [applications],
      );
    await expect
      .poll(async () => new Set(receiver.deliveries.map((delivery) => delivery.eventId)).size, { timeout: 60_000, interval: 500 })
      .toBe((await transitions()).length);
    await sleep(2000);

    const expected = await transitions();
    expect(expected.map((transition) => transition.to_status)).toEqual(expect.arrayContaining(['SUBMITTED', 'APPROVED', 'ACTIVE']));
    expect(receiver.deliveries.map((delivery) => delivery.eventId).sort()).toEqual(expected.map((transition) => transition.event_id).sort());
    process.stdout.write(
      `webhook outage: ${expected.length} status changes, ${receiver.deliveries.length} deliveries, ${new Set(receiver.deliveries.map((delivery) => delivery.eventId)).size} distinct event ids\n`,
    );
    expect(receiver.deliveries.every((delivery) => delivery.valid)).toBe(true);
    expect(await fault.sql(`SELECT id FROM merchant.outbox WHERE status = 'DEAD'`)).toEqual([]);
  });
});
