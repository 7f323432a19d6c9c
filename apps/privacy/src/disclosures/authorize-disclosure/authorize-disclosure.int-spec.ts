import { buildRegistry, loadRecipientRegistry } from '#libs/sharing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { privacyHarness, type PrivacyHarness } from '../../testing/privacy-harness.fixture.js';

const REGISTRY = loadRecipientRegistry(new URL('../../../../../config/recipients.yaml', import.meta.url).pathname, {});
// The checked-in registry has no recipient abroad; tests add one.
const WITH_OVERSEAS = buildRegistry([
  ...REGISTRY.recipients,
  {
    id: 'overseas-vendor',
    legalEntity: 'Overseas Vendor Pte Ltd',
    country: 'SG',
    endpoint: { kind: 'http', url: 'http://127.0.0.1:1/x', timeoutMs: 1000, idempotent: false },
    fieldMap: {},
    purposes: [{ purpose: 'face_verification', legalBasis: 'CONSENT', fields: ['face_image'] }],
  },
]);

const request = (subjectId: string, overrides: Partial<Parameters<PrivacyHarness['authorize']['execute']>[0]> = {}) => ({
  subjectId,
  recipientId: 'id-authority',
  purpose: 'real_name_verification',
  fields: ['name', 'id_number'],
  requestedBy: 'identity',
  references: { id_number_bidx: 'a'.repeat(64) },
  ...overrides,
});

describe('AuthorizeDisclosure', () => {
  let privacy: PrivacyHarness;
  beforeAll(async () => {
    privacy = await privacyHarness(inject('databaseUrl'), WITH_OVERSEAS);
  });
  afterAll(() => privacy.close());

  const subject = (): string => `user-${randomUUID()}`;
  const grant = (subjectId: string, purpose: string) => privacy.grant.execute({ subjectId, purpose, policyVersion: privacy.policyVersion, channel: 'app' });

  it('refuses a recipient that is not in the registry', async () => {
    await expect(privacy.authorize.execute(request(subject(), { recipientId: 'data-broker' }))).rejects.toMatchObject({ code: 'RECIPIENT_UNKNOWN' });
  });

  it('refuses a purpose the recipient is not registered for', async () => {
    await expect(privacy.authorize.execute(request(subject(), { purpose: 'marketing' }))).rejects.toMatchObject({ code: 'PURPOSE_NOT_ALLOWED' });
  });

  it('refuses a field outside the registry entry, naming the field', async () => {
    const error = await privacy.authorize.execute(request(subject(), { fields: ['name', 'id_number', 'phone'] })).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'FIELD_NOT_ALLOWED', violations: [{ field: 'phone', code: 'FIELD_NOT_ALLOWED' }] });
    expect((error as Error).message).toContain('phone');
  });

  it('refuses without consent when the legal basis is consent', async () => {
    await expect(privacy.authorize.execute(request(subject()))).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });
  });

  it('authorises with consent, records the disclosure and its audit entries, and completes it once', async () => {
    const subjectId = subject();
    await grant(subjectId, 'real_name_verification');
    const disclosure = await privacy.authorize.execute(request(subjectId));
    expect(disclosure).toMatchObject({ recipientId: 'id-authority', legalBasis: 'CONSENT', fields: ['name', 'id_number'] });
    await privacy.complete.execute({ disclosureId: disclosure.id, outcome: 'DELIVERED', billed: true, latencyMs: 31, resultCode: '0' });
    await privacy.complete.execute({ disclosureId: disclosure.id, outcome: 'FAILED', billed: false, latencyMs: 1 });
    const [row] = await privacy.dataSource.query('SELECT outcome, billed, latency_ms FROM privacy.disclosures WHERE id = $1', [disclosure.id]);
    expect(row).toEqual({ outcome: 'DELIVERED', billed: true, latency_ms: 31 });
    const entries = await privacy.log.list({ subjectId, limit: 10 });
    expect(entries.map((entry) => entry.type)).toEqual(['DISCLOSURE_COMPLETED', 'DISCLOSURE_AUTHORIZED', 'CONSENT_GRANTED']);
    expect(JSON.stringify(entries)).not.toContain(subjectId);
  });

  it('uses the legal basis the registry declares instead of consent', async () => {
    const disclosure = await privacy.authorize.execute(request(subject(), { purpose: 'merchant_onboarding', requestedBy: 'merchant' }));
    expect(disclosure.legalBasis).toBe('LEGAL_OBLIGATION');
  });

  it('makes the very next disclosure fail once consent is withdrawn', async () => {
    const subjectId = subject();
    await grant(subjectId, 'real_name_verification');
    await privacy.authorize.execute(request(subjectId));
    await privacy.withdraw.execute({ subjectId, purpose: 'real_name_verification', channel: 'app' });
    await expect(privacy.authorize.execute(request(subjectId))).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });
    const history = await privacy.dataSource.query('SELECT action FROM privacy.consent_events WHERE subject_id = $1 ORDER BY seq', [subjectId]);
    expect(history).toEqual([{ action: 'GRANT' }, { action: 'WITHDRAW' }]);
  });

  it('needs cross-border consent as well for a recipient abroad', async () => {
    const subjectId = subject();
    await grant(subjectId, 'face_verification');
    const abroad = request(subjectId, { recipientId: 'overseas-vendor', purpose: 'face_verification', fields: ['face_image'] });
    await expect(privacy.authorize.execute(abroad)).rejects.toMatchObject({
      code: 'CONSENT_REQUIRED',
      message: expect.stringContaining('cross_border_transfer'),
    });
    await grant(subjectId, 'cross_border_transfer');
    await expect(privacy.authorize.execute(abroad)).resolves.toMatchObject({ recipientId: 'overseas-vendor' });
  });

  it('refuses references that hold personal data in clear', async () => {
    const subjectId = subject();
    await grant(subjectId, 'real_name_verification');
    await expect(privacy.authorize.execute(request(subjectId, { references: { id_number: '11010519491231002X' } }))).rejects.toMatchObject({
      code: 'AUDIT_PAYLOAD_CONTAINS_PII',
    });
  });

  it('never rewrites consent history, even for its owner role', async () => {
    const subjectId = subject();
    await grant(subjectId, 'marketing');
    await expect(privacy.dataSource.query(`UPDATE privacy.consent_events SET action = 'WITHDRAW' WHERE subject_id = $1`, [subjectId])).rejects.toThrow(
      /append-only/,
    );
    await expect(privacy.dataSource.query('DELETE FROM privacy.consent_events WHERE subject_id = $1', [subjectId])).rejects.toThrow(/append-only/);
  });
});
