import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSandboxFixtures } from '../../apps/sandbox-verifiers/src/fixtures/index.js';
import { gateway, type Gateway } from './support/flows.js';
import { startFaultStack, type FaultStack } from './support/fault-stack.js';

const fixtures = loadSandboxFixtures();
const HAPPY = fixtures.people.filter((person) => person.key.includes('happy'));

/**
 * The outside world misbehaves at once: a third of calls fail with 503,
 * one identity's calls hang past the adapter's deadline, and the per-ID
 * rate limit is tiny. Users retry as a real app would. Sessions must stay
 * consistent, nothing may be billed twice, and every disclosure record must
 * show its outcome.
 */
describe('sandbox verifiers slow, erroring and rate-limiting', () => {
  let fault: FaultStack;
  let call: Gateway;
  const report: string[] = [];

  beforeAll(async () => {
    fault = await startFaultStack({
      'sandbox-verifiers': { SANDBOX_ERROR_RATE: '0.3', SANDBOX_LATENCY_MS: '200', SANDBOX_RATE_LIMIT_PER_MINUTE: '4', SANDBOX_TIMEOUT_DELAY_MS: '8000' },
      privacy: { DISCLOSURE_STALE_AFTER_MS: '20000' },
    });
    call = gateway(fault.stack.gatewayUrl);
  });

  afterAll(async () => {
    process.stdout.write(`\n${report.join('\n')}\n`);
    await fault?.close();
  });

  async function verifyWithRetries(person: (typeof HAPPY)[number]): Promise<string[]> {
    const token = await fault.token(['user']);
    await call('POST', '/v1/me/consents', token, { purpose: 'real_name_verification', policy_version: '2026-10' });
    const session = await call('POST', '/v1/kyc/sessions', token, { target_level: 'L1' });
    const id = session.body['id'] as string;
    const results: string[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const key = `trouble-${randomUUID()}`;
      const answer = await call(
        'POST',
        `/v1/kyc/sessions/${id}/identity`,
        token,
        { name: person.name, id_number: person.idNumber },
        { 'idempotency-key': key },
      );
      // A client that lost the answer retries with the same key: it must not call upstream again.
      const replay = await call(
        'POST',
        `/v1/kyc/sessions/${id}/identity`,
        token,
        { name: person.name, id_number: person.idNumber },
        { 'idempotency-key': key },
      );
      expect(replay.status).toBe(answer.status);
      expect(replay.body['result']).toBe(answer.body['result']);
      results.push(answer.status === 200 ? String(answer.body['result']) : `HTTP ${answer.status}`);
      if (answer.body['result'] !== 'UNAVAILABLE') break;
    }
    return results;
  }

  it('keeps sessions consistent, bills nothing twice, and records every outcome', async () => {
    const people = [...HAPPY, ...HAPPY, fixtures.person('p09-timeout'), fixtures.person('p08-unavailable')];
    const outcomes = await Promise.all(people.map((person) => verifyWithRetries(person)));
    const flat = outcomes.flat();
    report.push(
      `factor results under trouble: ${JSON.stringify(flat.reduce<Record<string, number>>((counts, result) => ({ ...counts, [result]: (counts[result] ?? 0) + 1 }), {}))}`,
    );
    expect(flat.filter((result) => result.startsWith('HTTP'))).toEqual([]);
    expect(flat).toContain('UNAVAILABLE');
    expect(flat).toContain('MATCH');

    // Sessions: a MATCH verified the session; only-unavailable sessions stay open and usable; none is left busy.
    const sessions = await fault.sql<{ status: string; results: string[]; busy: boolean }>(
      `SELECT s.status, array_agg(f.result ORDER BY f.id) AS results, coalesce(s.busy_until > now(), false) AS busy FROM identity.sessions s JOIN identity.session_factors f ON f.session_id = s.id GROUP BY s.id`,
    );
    for (const session of sessions) {
      expect(session.busy).toBe(false);
      if (session.results.includes('MATCH')) expect(session.status).toBe('VERIFIED');
      else if (session.results.every((result) => result === 'UNAVAILABLE')) expect(session.status).toBe('OPEN');
    }

    // Billing: one billed disclosure per billed answer, no more (no retry or replay billed twice).
    const [{ billedFactors }] = await fault.sql<{ billedFactors: number }>(
      `SELECT count(*)::int AS "billedFactors" FROM identity.session_factors WHERE billed`,
    );
    const [{ billedDisclosures }] = await fault.sql<{ billedDisclosures: number }>(
      `SELECT count(*)::int AS "billedDisclosures" FROM privacy.disclosures WHERE recipient_id = 'id-authority' AND billed`,
    );
    expect(billedDisclosures).toBe(billedFactors);

    // Every disclosure shows what happened, including the ones that hung past the deadline.
    await expect.poll(async () => fault.sql(`SELECT id FROM privacy.disclosures WHERE completed_at IS NULL`), { timeout: 60_000, interval: 1000 }).toEqual([]);
    const outcomesByRecord = await fault.sql<{ outcome: string; result_code: string | null; count: number }>(
      `SELECT outcome, result_code, count(*)::int AS count FROM privacy.disclosures WHERE recipient_id = 'id-authority' GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    report.push(`disclosure outcomes: ${JSON.stringify(outcomesByRecord)}`);
    const recorded = new Set(outcomesByRecord.map((row) => row.outcome));
    expect(recorded).toContain('DELIVERED');
    expect(recorded).toContain('UNAVAILABLE');
    expect(outcomesByRecord.map((row) => row.result_code)).toEqual(expect.arrayContaining(['TIMEOUT']));
  });
});
