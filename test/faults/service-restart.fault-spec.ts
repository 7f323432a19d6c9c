import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppName } from '../../scripts/stack/app-specs.js';
import { assess, gateway, kycIdentity, merchantSubmit, type Answer, type Gateway } from './support/flows.js';
import { startFaultStack, type FaultStack } from './support/fault-stack.js';
import { steadyLoad, timeline } from './support/steady-load.js';

/**
 * Each backend is killed (SIGKILL: no graceful anything) under load and
 * started again. While it is down the gateway answers 503 with a code,
 * quickly; afterwards nothing half-written remains.
 */
/** What the gateway may answer while a backend is down: a stable problem+json code, never a bare 503. */
const UNAVAILABLE_CODES = ['SERVICE_UNAVAILABLE', 'PRIVACY_UNAVAILABLE', 'DEADLINE_EXCEEDED', 'UPSTREAM_UNAVAILABLE'];

describe('each backend killed and restarted under load', () => {
  let fault: FaultStack;
  let call: Gateway;
  const report: string[] = [];

  beforeAll(async () => {
    fault = await startFaultStack({
      merchant: { SUBMISSION_RETRY_BASE_MS: '300', SUBMISSION_POLL_INTERVAL_MS: '200' },
      'sandbox-verifiers': { SANDBOX_RATE_LIMIT_PER_MINUTE: '0' },
      privacy: { DISCLOSURE_STALE_AFTER_MS: '15000' },
    });
    call = gateway(fault.stack.gatewayUrl);
  });

  afterAll(async () => {
    process.stdout.write(`\n${report.join('\n')}\n`);
    await fault?.close();
  });

  const loads: Record<Exclude<AppName, 'gateway' | 'sandbox-verifiers'>, (sequence: number) => Promise<Answer>> = {
    risk: async () => assess(call, await fault.token(['user'], { sub: 'svc-fault-user' }), 'svc-fault-user'),
    identity: (sequence) => kycIdentity(call, () => fault.token(['user']), sequence),
    merchant: async (sequence) =>
      merchantSubmit(
        fault.stack.gatewayUrl,
        call,
        await fault.token(['merchant'], { merchantId: `m-svc-${sequence}`, sub: `svc-merchant-${sequence}` }),
        sequence,
      ),
    privacy: async () => call('GET', '/v1/me/consents', await fault.token(['user'])),
  };

  it.each(Object.keys(loads) as Array<keyof typeof loads>)('%s: 503 with a code while down, recovery after, nothing half-written', async (app) => {
    const load = steadyLoad(app === 'merchant' ? 1 : 8, loads[app]);
    await sleep(3000);
    await fault.stack.stopApp(app, 'SIGKILL');
    const killedAt = Date.now();
    await sleep(4000);
    await fault.stack.startApp(app);
    const backAt = Date.now();
    await sleep(5000);
    const results = await load.stop();
    report.push(`${app} killed at t+3s, healthy again after ${(backAt - killedAt) / 1000}s:`, timeline(results));

    const down = results.filter((result) => result.startedAt > killedAt + 300 && result.finishedAt < backAt - 500);
    const unavailable = results.filter((result) => result.status === 503);
    const answers = new Map<string, number>();
    for (const result of unavailable) answers.set(result.code ?? '(no code)', (answers.get(result.code ?? '(no code)') ?? 0) + 1);
    report.push(
      `${app}: ${unavailable.length} answers 503 (${[...answers].map(([code, count]) => `${code}×${count}`).join(' ')}), ${down.length} of them while it was surely down`,
    );

    // While it is surely down: 503, quickly.
    expect(down.length).toBeGreaterThan(2);
    expect(down.filter((result) => result.status !== 503 || result.finishedAt - result.startedAt >= 11_000)).toEqual([]);
    // Every 503 is a real problem+json answer with a code a client can act on: a 503 without one fails.
    expect(
      unavailable.filter((result) => !result.contentType?.startsWith('application/problem+json') || !UNAVAILABLE_CODES.includes(result.code ?? '')),
    ).toEqual([]);
    // The gateway itself is never killed: every request gets an answer (no hang, no refused connection), and no 5xx but 503.
    expect(results.filter((result) => result.status <= 0 || (result.status >= 500 && result.status !== 503))).toEqual([]);
    expect(results.filter((result) => result.startedAt > backAt + 2000 && result.status >= 500)).toEqual([]);
  });

  it('leaves nothing half-written', async () => {
    // A factor row always belongs to a session; a verified session always has its matched data and its level.
    expect(
      await fault.sql('SELECT f.session_id FROM identity.session_factors f LEFT JOIN identity.sessions s ON s.id = f.session_id WHERE s.id IS NULL'),
    ).toEqual([]);
    expect(await fault.sql(`SELECT id FROM identity.sessions WHERE status = 'VERIFIED' AND (id_number_enc IS NULL OR verified_at IS NULL)`)).toEqual([]);
    expect(
      await fault.sql(
        `SELECT s.subject_id FROM identity.sessions s LEFT JOIN identity.verification_levels l ON l.subject_id = s.subject_id WHERE s.status = 'VERIFIED' AND l.subject_id IS NULL`,
      ),
    ).toEqual([]);
    // Every status change of an application has its history row; submitted ones are not drafts in disguise.
    expect(
      await fault.sql(
        `SELECT a.id FROM merchant.applications a WHERE a.status <> 'DRAFT' AND NOT EXISTS (SELECT 1 FROM merchant.application_transitions t WHERE t.application_id = a.id)`,
      ),
    ).toEqual([]);
    // Every disclosure is closed with an outcome; one whose sender died mid-call is closed as UNKNOWN by the sweeper.
    await expect.poll(async () => fault.sql(`SELECT id FROM privacy.disclosures WHERE completed_at IS NULL`), { timeout: 60_000, interval: 1000 }).toEqual([]);
    // The audit log still verifies.
    const officer = await fault.token(['privacy_officer']);
    await call('POST', '/v1/analyst/audit/checkpoints', officer);
    expect((await call('POST', '/v1/analyst/audit/verify', officer)).body).toMatchObject({ ok: true });
  });
});
