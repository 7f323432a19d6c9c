import { DomainError } from '#libs/errors';
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { privacyHarness, type PrivacyHarness } from '../../testing/privacy-harness.fixture.js';
import type { SubjectDataTarget } from '../data-request.js';
import { registerDataRequestMetrics } from '../data-request.metrics.js';
import { ListDataRequestsGrpcController } from '../list-data-requests/list-data-requests.grpc.controller.js';
import { SubjectDataGateway, type HeldCategory } from './subject-data.gateway.js';

/** The other services, as the privacy service sees them through SubjectDataService. */
class FakeServices extends SubjectDataGateway {
  failuresLeft: Partial<Record<SubjectDataTarget, number>> = {};
  readonly erased: string[] = [];
  readonly corrections: Array<{ target: string; field: string; value: string }> = [];
  retentionCalls = 0;

  private maybeFail(target: SubjectDataTarget): void {
    if ((this.failuresLeft[target] ?? 0) > 0) {
      this.failuresLeft[target]! -= 1;
      throw new DomainError('SERVICE_UNAVAILABLE', `${target} is down`);
    }
  }

  async export(target: SubjectDataTarget, subjectId: string): Promise<{ data: unknown; held: HeldCategory[] }> {
    this.maybeFail(target);
    return { data: { service: target, subject: subjectId, name: '张伟' }, held: [] };
  }

  async correct(target: SubjectDataTarget, _subjectId: string, field: string, value: string): Promise<number> {
    this.maybeFail(target);
    this.corrections.push({ target, field, value });
    return target === 'merchant' ? 1 : 0;
  }

  async erase(target: SubjectDataTarget, subjectId: string): Promise<{ deleted: number; anonymised: number; held: HeldCategory[] }> {
    this.maybeFail(target);
    this.erased.push(`${target}:${subjectId}`);
    return { deleted: 2, anonymised: 1, held: target === 'identity' ? [{ category: 'kyc_identity_records', legalBasis: 'AML Law', records: 1 }] : [] };
  }

  async runRetention(): Promise<Record<string, number>> {
    this.retentionCalls++;
    return { sessions_purged: 1 };
  }
}

describe('data-subject requests', () => {
  const services = new FakeServices();
  let privacy: PrivacyHarness;
  beforeAll(async () => {
    privacy = await privacyHarness(inject('databaseUrl'), { services });
  });
  afterAll(() => privacy.close());

  const subject = (): string => `user-${randomUUID()}`;
  const settle = async (id: string, subjectId: string) => {
    for (let pass = 0; pass < 20; pass++) {
      await privacy.dataSource.query('UPDATE privacy.data_requests SET next_attempt_at = now(), lease_until = NULL WHERE id = $1', [id]);
      await privacy.processor.drain();
      const request = await privacy.requests.findForSubject(subjectId, id);
      if (request?.status === 'COMPLETED' || request?.status === 'REFUSED') return request;
    }
    return privacy.requests.findForSubject(subjectId, id);
  };

  it('gives every request a due date 15 working days out', async () => {
    const request = await privacy.createRequest.execute({ subjectId: subject(), type: 'ACCESS' });
    const days = (request.dueAt.getTime() - request.receivedAt.getTime()) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(19);
    expect(request.status).toBe('RECEIVED');
  });

  it('answers EXPORT with one bundle from every service, delivered through the audited adapter', async () => {
    const subjectId = subject();
    await privacy.grant.execute({ subjectId, purpose: 'marketing', policyVersion: privacy.policyVersion, channel: 'app' });
    const { id } = await privacy.createRequest.execute({ subjectId, type: 'EXPORT' });
    const done = await settle(id, subjectId);
    expect(done?.status).toBe('COMPLETED');
    const bundle = done?.result as { sections: Record<string, { service?: string; consents?: unknown[] }> };
    expect(Object.keys(bundle.sections).sort()).toEqual(['identity', 'merchant', 'privacy', 'risk']);
    expect(bundle.sections['privacy']!.consents).toHaveLength(1);
    const [disclosure] = await privacy.dataSource.query(
      `SELECT recipient_id, purpose, legal_basis, fields, outcome FROM privacy.disclosures WHERE subject_id = $1`,
      [subjectId],
    );
    expect(disclosure).toEqual({
      recipient_id: 'data-subject',
      purpose: 'data_subject_access',
      legal_basis: 'DATA_SUBJECT_REQUEST',
      fields: ['export_bundle'],
      outcome: 'DELIVERED',
    });
    const [stored] = await privacy.dataSource.query('SELECT result::text AS result FROM privacy.data_requests WHERE id = $1', [id]);
    expect(stored.result).not.toContain(Buffer.from('张伟').toString('hex'));
  });

  it('retries a failing step, shows it as FAILING meanwhile, and completes only when it succeeds', async () => {
    const subjectId = subject();
    services.failuresLeft = { risk: 2 };
    const { id } = await privacy.createRequest.execute({ subjectId, type: 'ACCESS' });
    await privacy.processor.drain();
    const midway = await privacy.requests.findForSubject(subjectId, id);
    expect(midway?.status).toBe('IN_PROGRESS');
    expect(midway?.steps.find((step) => step.target === 'risk')).toMatchObject({ status: 'FAILING', lastError: 'SERVICE_UNAVAILABLE' });
    const done = await settle(id, subjectId);
    expect(done?.status).toBe('COMPLETED');
    expect(done?.steps.every((step) => step.status === 'DONE')).toBe(true);
    const steps = await privacy.log.list({ subjectId, type: 'DATA_REQUEST_STEP', limit: 50 });
    expect(steps.filter((entry) => entry.payload['status'] === 'FAILING')).toHaveLength(2);
  });

  it('refuses to change a name or ID number by declaration, with the reason', async () => {
    const request = await privacy.createRequest.execute({ subjectId: subject(), type: 'CORRECT', field: 'name', value: '李四' });
    expect(request).toMatchObject({ status: 'REFUSED', refusalReason: expect.stringContaining('new real-name verification') });
  });

  it('corrects a contact field in the services that hold it', async () => {
    const subjectId = subject();
    const { id } = await privacy.createRequest.execute({ subjectId, type: 'CORRECT', field: 'phone', value: '13912345678' });
    const done = await settle(id, subjectId);
    expect(done).toMatchObject({ status: 'COMPLETED', result: { field: 'phone', updated_records: 1 } });
    expect(services.corrections.filter((correction) => correction.value === '13912345678')).toHaveLength(3);
    const [row] = await privacy.dataSource.query('SELECT params::text AS params, correction_value::text AS value FROM privacy.data_requests WHERE id = $1', [
      id,
    ]);
    expect(`${row.params}${row.value}`).not.toContain('13912345678');
  });

  it('rejects a malformed correction before storing it', async () => {
    await expect(privacy.createRequest.execute({ subjectId: subject(), type: 'CORRECT', field: 'phone', value: '12345' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('closes an account: withdraws consents, erases everywhere, lists what is held, and the sweeper purges after the hold', async () => {
    const subjectId = subject();
    await privacy.grant.execute({ subjectId, purpose: 'marketing', policyVersion: privacy.policyVersion, channel: 'app' });
    const { id } = await privacy.createRequest.execute({ subjectId, type: 'CLOSE_ACCOUNT' });
    const done = await settle(id, subjectId);
    const result = done?.result as {
      consents_withdrawn: number;
      held_under_legal_duty: Array<{ service: string; category: string; holdUntil?: string }>;
      account_closed: boolean;
    };
    expect(result.consents_withdrawn).toBe(1);
    expect(result.account_closed).toBe(true);
    expect(result.held_under_legal_duty.map((held) => `${held.service}:${held.category}`)).toEqual([
      'identity:kyc_identity_records',
      'privacy:consent_records',
      'privacy:disclosure_records',
    ]);
    expect(services.erased).toEqual(expect.arrayContaining([`identity:${subjectId}`, `merchant:${subjectId}`, `risk:${subjectId}`]));
    await expect(
      privacy.authorize.execute({
        subjectId,
        recipientId: 'id-authority',
        purpose: 'real_name_verification',
        fields: ['name'],
        requestedBy: 'identity',
        references: {},
      }),
    ).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });

    const early = await privacy.retention.execute(new Date(), 'test');
    expect(early.failed).toEqual([]);
    expect(await privacy.dataSource.query('SELECT 1 FROM privacy.consent_events WHERE subject_id = $1', [subjectId])).toHaveLength(2);
    const later = new Date(Date.now() + 6 * 365 * 86_400_000);
    const swept = await privacy.retention.execute(later, 'test');
    expect(swept.counts['privacy.holds_ended']).toBeGreaterThanOrEqual(1);
    for (const table of ['consent_events', 'disclosures', 'data_requests', 'subject_holds']) {
      expect(await privacy.dataSource.query(`SELECT 1 FROM privacy.${table} WHERE subject_id = $1`, [subjectId])).toHaveLength(0);
    }
    const runs = await privacy.log.list({ type: 'RETENTION_RUN', limit: 5 });
    expect(runs[0]!.payload).toMatchObject({ counts: expect.objectContaining({ 'identity.sessions_purged': 1 }) });
  });

  it('unmasks for a privacy officer with a reason, recording it first', async () => {
    const subjectId = subject();
    const { sections, auditSeq } = await privacy.unmask.execute(subjectId, 'Fraud investigation case 2026-118', 'officer-1');
    expect(sections.map((section) => section.service)).toEqual(['identity', 'merchant', 'risk', 'privacy']);
    const [entry] = await privacy.log.list({ subjectId, type: 'PII_UNMASKED', limit: 1 });
    expect(entry).toMatchObject({ seq: auditSeq, actor: { type: 'staff', id: 'officer-1' }, payload: { reason: 'Fraud investigation case 2026-118' } });
    await expect(privacy.unmask.execute(subjectId, 'because', 'officer-1')).rejects.toMatchObject({ code: 'UNMASK_REASON_INVALID' });
    await expect(privacy.unmask.execute(subjectId, 'look up 11010519491231002X', 'officer-1')).rejects.toMatchObject({ code: 'UNMASK_REASON_INVALID' });
  });

  it('lists open requests by deadline for staff, and counts the overdue ones in the gauges', async () => {
    const registry = new Registry();
    registerDataRequestMetrics(registry, privacy.requests);
    const gauge = async (name: string): Promise<number> => (await registry.getSingleMetric(name)!.get()).values[0]!.value;
    const overdueBefore = await gauge('kyc_data_requests_overdue');

    const [doneSubject, lateSubject, laterSubject] = [subject(), subject(), subject()];
    const done = await privacy.createRequest.execute({ subjectId: doneSubject, type: 'ACCESS' });
    expect((await settle(done.id, doneSubject))?.status).toBe('COMPLETED');
    const late = await privacy.createRequest.execute({ subjectId: lateSubject, type: 'ACCESS' });
    const later = await privacy.createRequest.execute({ subjectId: laterSubject, type: 'ACCESS' });
    // Both finished requests and the open ones, all past their deadline but one.
    await privacy.dataSource.query(
      `UPDATE privacy.data_requests SET due_at = now() - interval '1 day', next_attempt_at = now() + interval '1 hour' WHERE id = ANY($1)`,
      [[done.id, late.id]],
    );
    await privacy.dataSource.query(`UPDATE privacy.data_requests SET next_attempt_at = now() + interval '1 hour' WHERE id = $1`, [later.id]);

    const list = new ListDataRequestsGrpcController(privacy.requests);
    const ids = async (request: { status?: string; dueBefore?: string }): Promise<string[]> =>
      (await list.listDataRequests({ limit: 500, ...request })).items.map((item) => item.id).filter((id) => [done.id, late.id, later.id].includes(id));
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString();
    expect(await ids({ dueBefore: soon })).toEqual([late.id]);
    expect(await ids({})).toEqual([late.id, later.id]);
    expect(await ids({ status: 'COMPLETED', dueBefore: soon })).toEqual([done.id]);
    expect(await gauge('kyc_data_requests_overdue')).toBeGreaterThanOrEqual(overdueBefore + 1);
    expect(await gauge('kyc_data_requests_due_soon')).toBeGreaterThanOrEqual(await gauge('kyc_data_requests_overdue'));
  });
});
