import { describe, expect, it } from 'vitest';
import { api, tokenFor } from './support/api.js';
import { phone } from './support/devices.js';

/**
 * Every staff change that touches what the system decides or reveals is on
 * record: a privacy officer reads it back through the audit route, with the
 * staff member as actor and no personal data in the entry (issue 8).
 */

// oxlint-disable-next-line typescript/no-explicit-any
type Json = Record<string, any>;

const since = new Date(Date.now() - 1000).toISOString();

async function auditEntries(type: string, actorId: string): Promise<Json[]> {
  const { token } = await tokenFor(['privacy_officer']);
  const until = Date.now() + 30_000;
  for (;;) {
    const page = await api<Json>('GET', `/v1/analyst/audit?type=${type}&from=${since}&limit=500`, { token });
    expect(page.status).toBe(200);
    const mine = (page.body['items'] as Json[]).filter((entry) => entry['actor']?.id === actorId);
    if (mine.length > 0 || Date.now() > until) return mine;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('staff changes leave audit entries', () => {
  it('list entries added and removed', async () => {
    const analyst = await tokenFor(['risk_analyst']);
    const added = await api<Json>('POST', '/v1/analyst/lists/ip_block/entries', {
      token: analyst.token,
      body: { value: '203.0.113.0/28', reason: 'Card-testing burst from this range' },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect((await api('DELETE', `/v1/analyst/lists/ip_block/entries/${added.body['id']}`, { token: analyst.token })).status).toBe(200);
    expect(await auditEntries('LIST_ENTRY_ADDED', analyst.sub)).toHaveLength(1);
    expect(await auditEntries('LIST_ENTRY_REMOVED', analyst.sub)).toHaveLength(1);
  });

  it('rulesets created, shadowed and published; decisions labelled', async () => {
    const analyst = await tokenFor(['risk_analyst']);
    const live = (await api<Json>('GET', '/v1/analyst/rulesets?limit=500', { token: analyst.token })).body['items'].find(
      (ruleset: Json) => ruleset['state'] === 'LIVE',
    );
    const full = (await api<Json>('GET', `/v1/analyst/rulesets/${live['version']}`, { token: analyst.token })).body;
    const copy = await api<Json>('POST', '/v1/analyst/rulesets', {
      token: analyst.token,
      body: {
        description: 'Audit trail check: unchanged rules',
        review_threshold: full['review_threshold'],
        deny_threshold: full['deny_threshold'],
        rules: full['rules'],
      },
    });
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    expect((await api('POST', `/v1/analyst/rulesets/${copy.body['version']}/shadow`, { token: analyst.token })).status).toBe(200);
    expect((await api('POST', `/v1/analyst/rulesets/${copy.body['version']}/publish`, { token: analyst.token })).status).toBe(200);

    const user = await tokenFor(['user']);
    const assessed = await api<Json>('POST', '/v1/risk/assessments', {
      token: user.token,
      body: { event_type: 'LOGIN', subject_id: user.sub, device: phone(), ip: '198.51.100.7' },
    });
    expect((await api('POST', `/v1/analyst/decisions/${assessed.body['decision_id']}/label`, { token: analyst.token, body: { label: 'LEGIT' } })).status).toBe(
      200,
    );

    for (const type of ['RULESET_CREATED', 'RULESET_SHADOWED', 'RULESET_PUBLISHED', 'DECISION_LABELLED']) {
      expect(await auditEntries(type, analyst.sub), type).toHaveLength(1);
    }
  });

  it('an analyst opening a decision', async () => {
    const analyst = await tokenFor(['risk_analyst']);
    const user = await tokenFor(['user']);
    const assessed = await api<Json>('POST', '/v1/risk/assessments', {
      token: user.token,
      body: { event_type: 'LOGIN', subject_id: user.sub, device: phone(), ip: '198.51.100.9' },
    });
    expect(assessed.status, JSON.stringify(assessed.body)).toBe(200);
    expect((await api('GET', `/v1/analyst/decisions/${assessed.body['decision_id']}`, { token: analyst.token })).status).toBe(200);
    const [entry, ...more] = await auditEntries('DATA_ACCESSED', analyst.sub);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ actor: { type: 'staff', id: analyst.sub }, payload: { view: 'decision_detail', record_id: assessed.body['decision_id'] } });
    expect(JSON.stringify(entry)).not.toContain(user.sub);
  });

  it('a human review asked for by the subject, and its resolution', async () => {
    const user = await tokenFor(['user']);
    expect((await api('POST', '/v1/me/consents', { token: user.token, body: { purpose: 'risk_control', policy_version: '2026-10' } })).status).toBe(201);
    const assessed = await api<Json>('POST', '/v1/risk/assessments', {
      token: user.token,
      body: { event_type: 'PAYMENT', subject_id: user.sub, device: phone({ rooted: true, emulator: true }), ip: '198.51.100.8', amount: 5000 },
    });
    expect(assessed.status).toBe(200);
    const asked = await api<Json>('POST', '/v1/me/data-requests', {
      token: user.token,
      body: { type: 'EXPLAIN', decision_id: assessed.body['decision_id'], request_human_review: true },
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const until = Date.now() + 60_000;
    let done: Json = {};
    while (Date.now() < until && !['COMPLETED', 'REFUSED'].includes(done['status'])) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      done = (await api<Json>('GET', `/v1/me/data-requests/${asked.body['id']}`, { token: user.token })).body;
    }
    expect(done['status'], JSON.stringify(done)).toBe('COMPLETED');
    expect(done['result']).toMatchObject({ decision_id: assessed.body['decision_id'], human_review: { requested: true, case_id: expect.any(String) } });
    expect(done['result'].reasons.length).toBeGreaterThan(0);

    const analyst = await tokenFor(['risk_analyst']);
    const queue = await api<Json>('GET', '/v1/analyst/decision-reviews?status=OPEN&limit=500', { token: analyst.token });
    expect(queue.status).toBe(200);
    const review = queue.body['items'].find((item: Json) => item['id'] === done['result'].human_review.case_id);
    expect(review).toMatchObject({ decision_id: assessed.body['decision_id'], status: 'OPEN' });
    const resolved = await api<Json>('POST', `/v1/analyst/decision-reviews/${review['id']}/resolve`, {
      token: analyst.token,
      body: { outcome: 'OVERTURNED', note: 'Rooted test phone of a known customer' },
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'RESOLVED', outcome: 'OVERTURNED' });
    expect(await auditEntries('DECISION_REVIEW_RESOLVED', analyst.sub)).toHaveLength(1);
  });

  it('unmasking', async () => {
    const user = await tokenFor(['user']);
    expect((await api('POST', '/v1/me/consents', { token: user.token, body: { purpose: 'marketing', policy_version: '2026-10' } })).status).toBe(201);
    const officer = await tokenFor(['privacy_officer']);
    const unmasked = await api<Json>('POST', `/v1/analyst/subjects/${user.sub}/unmask`, {
      token: officer.token,
      body: { reason: 'Complaint 2026-0412 forwarded by the regulator' },
    });
    expect(unmasked.status).toBe(200);
    const [entry] = await auditEntries('PII_UNMASKED', officer.sub);
    expect(entry).toMatchObject({ seq: unmasked.body['audit_seq'], subject_ref: expect.any(String) });
    expect(JSON.stringify(entry)).not.toContain(user.sub);
  });
});
