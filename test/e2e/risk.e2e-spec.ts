import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, tokenFor } from './support/api.js';
import { phone } from './support/devices.js';

interface Assessment {
  decision_id: string;
  device_id: string;
  score: number;
  decision: string;
  reasons: Array<{ code: string; description: string }>;
  ruleset_version: number;
}

async function assessAsUser(device: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<{ sub: string; body: Assessment; status: number }> {
  const { sub, token } = await tokenFor(['user']);
  const response = await api<Assessment>('POST', '/v1/risk/assessments', {
    token,
    body: { event_type: 'LOGIN', subject_id: sub, device, ip: '10.20.30.40', ...extra },
  });
  return { sub, body: response.body, status: response.status };
}

describe('device risk through the gateway', () => {
  it('sends a device used by four accounts within an hour to review, with readable reasons', async () => {
    const device = phone();
    const results = [];
    for (let index = 0; index < 4; index++) results.push(await assessAsUser(device));
    expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200]);
    expect(results.slice(0, 3).map((result) => result.body.decision)).toEqual(['ALLOW', 'ALLOW', 'ALLOW']);
    const fourth = results[3]!.body;
    expect(['REVIEW', 'DENY']).toContain(fourth.decision);
    expect(fourth.reasons).toContainEqual({ code: 'SHARED_DEVICE', description: 'This device was used by 4 or more different accounts within an hour.' });
    expect(new Set(results.map((result) => result.body.device_id)).size).toBe(1);
    expect(fourth.ruleset_version).toBeGreaterThan(0);

    const { token } = await tokenFor(['risk_analyst']);
    const listed = await api<{ items: Array<{ id: string; subject_id: string }>; next_cursor: string | null }>(
      'GET',
      `/v1/analyst/decisions?device_id=${fourth.device_id}&limit=3`,
      { token },
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item) => item.id)).toEqual([results[3]!.body.decision_id, results[2]!.body.decision_id, results[1]!.body.decision_id]);
    expect(listed.body.next_cursor).toEqual(expect.any(String));
    const rest = await api<{ items: Array<{ id: string }> }>('GET', `/v1/analyst/decisions?device_id=${fourth.device_id}&cursor=${listed.body.next_cursor}`, {
      token,
    });
    expect(rest.body.items.map((item) => item.id)).toEqual([results[0]!.body.decision_id]);

    const detail = await api<{
      explanation: string[];
      features: { velocity: Record<string, Record<string, number>> };
      rule_results: Array<{ rule_id: string; result: string }>;
      masked: Record<string, string>;
    }>('GET', `/v1/analyst/decisions/${fourth.decision_id}`, { token });
    expect(detail.status).toBe(200);
    expect(detail.body.features.velocity['distinct_subjects_per_device']).toMatchObject({ '1h': 4 });
    expect(detail.body.rule_results.find((rule) => rule.rule_id === 'shared_device_1h')).toMatchObject({ result: 'HIT' });
    expect(detail.body.explanation.join(' ')).toContain('distinct accounts seen on this device (1h) = 4');
    expect(detail.body.masked['oaid']).toMatch(/\*/);
    expect(JSON.stringify(detail.body)).not.toContain(device['oaid'] as string);

    const labelled = await api<{ label: string }>('POST', `/v1/analyst/decisions/${fourth.decision_id}/label`, { token, body: { label: 'FRAUD' } });
    expect(labelled).toMatchObject({ status: 200, body: { label: 'FRAUD' } });
  });

  it('enforces roles and ownership', async () => {
    const user = await tokenFor(['user']);
    const analyst = await tokenFor(['risk_analyst']);
    const body = { event_type: 'LOGIN', subject_id: user.sub, device: phone(), ip: '10.1.1.1' };
    expect((await api('POST', '/v1/risk/assessments', { body })).status).toBe(401);
    expect((await api('POST', '/v1/risk/assessments', { token: analyst.token, body })).status).toBe(403);
    expect((await api('GET', '/v1/analyst/decisions', { token: user.token })).status).toBe(403);
    expect((await api('GET', '/v1/analyst/rulesets', { token: user.token })).status).toBe(403);
    const someoneElse = await api('POST', '/v1/risk/assessments', { token: user.token, body: { ...body, subject_id: 'another-user' } });
    expect(someoneElse).toMatchObject({ status: 403, body: { code: 'SUBJECT_MISMATCH' } });
    const merchant = await tokenFor(['merchant'], { merchantId: 'm-risk-e2e' });
    expect((await api('POST', '/v1/risk/assessments', { token: merchant.token, body: { ...body, subject_id: 'customer-of-m' } })).status).toBe(200);
  });

  it('validates every signal and refuses unknown fields, with field-level errors', async () => {
    const { sub, token } = await tokenFor(['user']);
    const base = { event_type: 'LOGIN', subject_id: sub, device: phone(), ip: '10.1.1.2' };
    const unknown = await api<{ code: string; errors: Array<{ field: string; code: string }> }>('POST', '/v1/risk/assessments', {
      token,
      body: { ...base, surprise: 1 },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toContainEqual(expect.objectContaining({ field: 'surprise', code: 'UNKNOWN_FIELD' }));
    const badImei = await api<{ code: string; errors: Array<{ field: string }> }>('POST', '/v1/risk/assessments', {
      token,
      body: { ...base, device: phone({ imei: '490154203237519' }) },
    });
    expect(badImei.status).toBe(400);
    expect(badImei.body.code).toBe('VALIDATION_FAILED');
    expect(badImei.body.errors.map((error) => error.field)).toContain('device.imei');
    const badZone = await api<{ errors: Array<{ field: string }> }>('POST', '/v1/risk/assessments', {
      token,
      body: { ...base, device: phone({ timezone: 'Mars/Base' }) },
    });
    expect(badZone.status).toBe(400);
    expect(badZone.body.errors.map((error) => error.field)).toContain('device.timezone');
    const badIp = await api('POST', '/v1/risk/assessments', { token, body: { ...base, ip: '1.2.3' } });
    expect(badIp.status).toBe(400);
  });

  it('replays an assessment for the same Idempotency-Key and refuses the key with another body', async () => {
    const { sub, token } = await tokenFor(['user']);
    const body = { event_type: 'PAYMENT', subject_id: sub, device: phone(), ip: '10.1.1.3', amount: 12.5 };
    const key = randomUUID();
    const first = await api<Assessment>('POST', '/v1/risk/assessments', { token, body, headers: { 'idempotency-key': key } });
    const again = await api<Assessment>('POST', '/v1/risk/assessments', { token, body, headers: { 'idempotency-key': key } });
    expect(again.body.decision_id).toBe(first.body.decision_id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await api('POST', '/v1/risk/assessments', { token, body: { ...body, amount: 13 }, headers: { 'idempotency-key': key } });
    expect(other).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
  });
});

describe('analyst lists', () => {
  it('blocks a device, audits the change, and unblocks it', async () => {
    const { token } = await tokenFor(['risk_analyst']);
    const device = phone();
    const before = await assessAsUser(device);
    const added = await api<{ id: string; value: string }>('POST', '/v1/analyst/lists/device_block/entries', {
      token,
      body: { value: before.body.device_id, reason: 'mule ring case 17' },
    });
    expect(added).toMatchObject({ status: 201, body: { value: before.body.device_id } });
    expect(
      (await api('POST', '/v1/analyst/lists/device_block/entries', { token, body: { value: before.body.device_id, reason: 'again' } })).body,
    ).toMatchObject({ code: 'LIST_ENTRY_EXISTS' });

    const blocked = await assessAsUser(device);
    expect(blocked.body.decision).toBe('DENY');
    expect(blocked.body.reasons[0]).toEqual({ code: 'DEVICE_BLOCKED', description: 'This device is on the block list.' });

    const listed = await api<{ items: Array<{ id: string }> }>('GET', '/v1/analyst/lists/device_block/entries?limit=500', { token });
    expect(listed.body.items.map((item) => item.id)).toContain(added.body.id);
    expect((await api('DELETE', `/v1/analyst/lists/device_block/entries/${added.body.id}`, { token })).status).toBe(200);
    expect((await api('DELETE', `/v1/analyst/lists/device_block/entries/${added.body.id}`, { token })).status).toBe(404);
    expect((await assessAsUser(device)).body.decision).toBe('ALLOW');
  });

  it('keeps only a blind index of a blocked ID number and denies it on KYC', async () => {
    const { token } = await tokenFor(['risk_analyst']);
    const added = await api<{ value: string | null; blind_index_prefix: string }>('POST', '/v1/analyst/lists/id_block/entries', {
      token,
      body: { value: '11010519491231002X', reason: 'identity theft report', expires_at: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(added.status).toBe(201);
    expect(added.body.value).toBeNull();
    expect(added.body.blind_index_prefix).toMatch(/^[0-9a-f]{12}$/);
    expect(JSON.stringify(added.body)).not.toContain('11010519491231002');

    const kyc = await assessAsUser(phone(), { event_type: 'KYC', id_number: '11010519491231002X' });
    expect(kyc.body).toMatchObject({ decision: 'DENY', reasons: [{ code: 'ID_NUMBER_BLOCKED' }] });
    expect((await api('POST', '/v1/analyst/lists/nope/entries', { token, body: { value: 'x', reason: 'x' } })).status).toBe(400);
    expect((await api('POST', '/v1/analyst/lists/ip_block/entries', { token, body: { value: 'not-an-ip', reason: 'x' } })).body).toMatchObject({
      code: 'LIST_VALUE_INVALID',
    });
  });
});

describe('analyst rulesets', () => {
  it('refuses invalid CEL naming the rule, then drafts, shadows, backtests and publishes', async () => {
    const { token } = await tokenFor(['risk_analyst']);
    const invalid = await api<{ code: string; errors: Array<{ field: string; message: string }> }>('POST', '/v1/analyst/rulesets', {
      token,
      body: {
        description: 'broken',
        review_threshold: 40,
        deny_threshold: 80,
        rules: [{ id: 'typo_rule', reason_code: 'TYPO', description: 'A typo.', expression: 'device.emulatorr', score: 10 }],
      },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('RULESET_INVALID');
    expect(invalid.body.errors[0]).toMatchObject({ field: 'rules[0].expression' });
    expect(invalid.body.errors[0]!.message).toContain("rule 'typo_rule'");

    const live = await api<{
      items: Array<{ version: number; state: string; rules: Array<Record<string, unknown>>; review_threshold: number; deny_threshold: number }>;
    }>('GET', '/v1/analyst/rulesets?limit=500', { token });
    const current = live.body.items.find((item) => item.state === 'LIVE')!;
    const candidate = {
      description: 'Candidate: also review cloned apps strongly',
      review_threshold: current.review_threshold,
      deny_threshold: current.deny_threshold,
      based_on: current.version,
      rules: [
        ...current.rules,
        {
          id: 'cloned_strict',
          reason_code: 'CLONED_STRICT',
          description: 'Any cloned app is reviewed.',
          expression: 'device.cloned_app',
          score: 40,
          outcome: 'REVIEW',
        },
      ],
    };
    const draft = await api<{ version: number; state: string }>('POST', '/v1/analyst/rulesets', { token, body: candidate });
    expect(draft).toMatchObject({ status: 201, body: { state: 'DRAFT' } });

    const from = new Date(Date.now() - 60_000).toISOString();
    expect((await api('POST', `/v1/analyst/rulesets/${draft.body.version}/shadow`, { token })).body).toMatchObject({ state: 'SHADOW' });
    // Shadow results are logged with the decision but never enforced.
    const cloned = await assessAsUser(phone({ cloned_app: true }));
    const detail = await api<{
      decision: string;
      shadow: { ruleset_version: number; decision: string };
      shadow_rule_results: Array<{ rule_id: string; result: string }>;
    }>('GET', `/v1/analyst/decisions/${cloned.body.decision_id}`, { token });
    expect(detail.body.shadow).toMatchObject({ ruleset_version: draft.body.version, decision: 'REVIEW' });
    expect(detail.body.shadow_rule_results.find((rule) => rule.rule_id === 'cloned_strict')).toMatchObject({ result: 'HIT' });
    expect(cloned.body.decision).toBe('ALLOW');

    const report = await api<{
      evaluated: number;
      candidate_outcomes: Record<string, number>;
      transitions: Array<{ from: string; to: string; count: number }>;
    }>('POST', `/v1/analyst/rulesets/${draft.body.version}/backtest`, { token, body: { from, to: new Date(Date.now() + 60_000).toISOString() } });
    expect(report.status).toBe(200);
    expect(report.body.evaluated).toBeGreaterThan(0);
    expect(report.body.transitions).toContainEqual(expect.objectContaining({ from: 'ALLOW', to: 'REVIEW' }));

    // Publishing an unchanged copy of the live rules keeps other specs' expectations intact.
    const copy = await api<{ version: number }>('POST', '/v1/analyst/rulesets', {
      token,
      body: {
        description: 'Republish of the live rules',
        review_threshold: current.review_threshold,
        deny_threshold: current.deny_threshold,
        rules: current.rules,
      },
    });
    expect((await api('POST', `/v1/analyst/rulesets/${copy.body.version}/publish`, { token })).body).toMatchObject({ state: 'LIVE' });
    const after = await assessAsUser(phone());
    expect(after.body.ruleset_version).toBe(copy.body.version);
    expect((await api('POST', `/v1/analyst/rulesets/${current.version}/publish`, { token })).body).toMatchObject({ state: 'LIVE' });
    expect((await api('GET', `/v1/analyst/rulesets/${draft.body.version}`, { token })).body).toMatchObject({ state: 'SHADOW' });
    expect((await api('POST', '/v1/analyst/rulesets/999999/publish', { token })).status).toBe(404);
  });
});
