import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess, gateway, kycIdentity, merchantSubmit, type Gateway } from './support/flows.js';
import { startFaultStack, type FaultStack } from './support/fault-stack.js';
import { steadyLoad, timeline, type LoadResult } from './support/steady-load.js';

/**
 * PostgreSQL stops for a while under steady load (assessments, KYC factors,
 * merchant submissions) and comes back. What the system acknowledged before
 * must still be there; during the outage requests must fail fast with 503;
 * afterwards the services must recover by themselves.
 */
describe('PostgreSQL restarted under steady load', () => {
  let fault: FaultStack;
  let call: Gateway;
  const report: string[] = [];

  beforeAll(async () => {
    fault = await startFaultStack({
      merchant: { SUBMISSION_RETRY_BASE_MS: '300', SUBMISSION_POLL_INTERVAL_MS: '200' },
      'sandbox-verifiers': { SANDBOX_RATE_LIMIT_PER_MINUTE: '0' },
    });
    call = gateway(fault.stack.gatewayUrl);
  });

  afterAll(async () => {
    process.stdout.write(`\n${report.join('\n')}\n`);
    await fault?.close();
  });

  it('keeps every acknowledged write, fails fast during the outage, and recovers within 5 s', async () => {
    const user = await fault.token(['user'], { sub: 'fault-db-user' });
    const merchants = await Promise.all(
      Array.from({ length: 40 }, (_, index) => fault.token(['merchant'], { merchantId: `m-fault-${index}`, sub: `fault-merchant-${index}` })),
    );

    const assessments = steadyLoad<string>(20, async () => assess(call, user, 'fault-db-user'));
    const identities = steadyLoad<string>(2, async (sequence) => kycIdentity(call, () => fault.token(['user']), sequence));
    const submissions = steadyLoad<string>(0.5, async (sequence) =>
      merchantSubmit(fault.stack.gatewayUrl, call, merchants[sequence % merchants.length]!, sequence),
    );

    await sleep(5000);
    const outageStart = Date.now();
    await fault.stopDatabase();
    await sleep(8000);
    await fault.startDatabase();
    const databaseBack = Date.now();
    await sleep(12_000);
    const results = { assessments: await assessments.stop(), identities: await identities.stop(), submissions: await submissions.stop() };

    const during = (list: LoadResult<string>[]) => list.filter((result) => result.startedAt >= outageStart + 500 && result.finishedAt <= databaseBack);
    const all = [...results.assessments, ...results.identities, ...results.submissions];
    const outage = [...during(results.assessments), ...during(results.identities)];
    const firstRecovered = Math.min(
      ...results.assessments.filter((result) => result.startedAt >= databaseBack && result.status === 200).map((result) => result.finishedAt),
    );
    report.push('PostgreSQL restart — assessments per second:', timeline(results.assessments));
    report.push(`recovered ${(firstRecovered - databaseBack) / 1000}s after the database returned`);
    const unavailable = all.filter((result) => result.status === 503);
    const codes = new Map<string, number>();
    for (const result of unavailable) codes.set(result.code ?? '(no code)', (codes.get(result.code ?? '(no code)') ?? 0) + 1);
    report.push(
      `${unavailable.length} answers 503 (${[...codes].map(([code, count]) => `${code}×${count}`).join(' ')}); ${outage.length} requests during the outage`,
    );

    // During the outage: clear 503s, quickly, never a hang or a 500; every 503 is problem+json with a code.
    expect(outage.length).toBeGreaterThan(20);
    expect(outage.filter((result) => result.status !== 503)).toEqual([]);
    expect(unavailable.filter((result) => !result.contentType?.startsWith('application/problem+json') || !result.code)).toEqual([]);
    expect(Math.max(...outage.map((result) => result.finishedAt - result.startedAt))).toBeLessThan(5000);
    expect(all.filter((result) => result.status >= 500 && result.status !== 503)).toEqual([]);
    // The gateway stays up: every request gets an HTTP answer (-1 is a hang, 0 a refused connection or a thrown request).
    expect(all.filter((result) => result.status <= 0)).toEqual([]);
    // Recovery by themselves within 5 s of the database's return.
    expect(firstRecovered - databaseBack).toBeLessThan(5000);

    // Everything acknowledged is in the database.
    const acknowledged = (list: LoadResult<string>[]) => list.flatMap((result) => (result.acknowledged ? [result.acknowledged] : []));
    const decisions = acknowledged(results.assessments);
    const sessions = acknowledged(results.identities);
    const applications = acknowledged(results.submissions);
    expect(decisions.length).toBeGreaterThan(100);
    expect(sessions.length).toBeGreaterThan(5);
    expect(applications.length).toBeGreaterThan(2);
    const found = async (sql: string, ids: string[]) => (await fault.sql<{ id: string }>(sql, [ids])).map((row) => row.id);
    expect((await found('SELECT id::text AS id FROM risk.decisions WHERE id::text = ANY($1)', decisions)).length).toBe(decisions.length);
    expect((await found(`SELECT id::text AS id FROM identity.sessions WHERE id::text = ANY($1) AND status = 'VERIFIED'`, sessions)).length).toBe(
      sessions.length,
    );
    expect((await found(`SELECT id::text AS id FROM merchant.applications WHERE id::text = ANY($1) AND status <> 'DRAFT'`, applications)).length).toBe(
      applications.length,
    );
    report.push(
      `acknowledged → found: ${decisions.length} decisions, ${sessions.length} verified sessions, ${applications.length} submitted applications; all found`,
    );
  });
});
