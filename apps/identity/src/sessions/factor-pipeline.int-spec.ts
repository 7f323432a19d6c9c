import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { loadSandboxFixtures } from '../../../sandbox-verifiers/src/fixtures/index.js';
import { identityHarness, unknownCardNumber, unknownIdNumber, type IdentityHarness } from '../testing/identity-harness.fixture.js';

const fixtures = loadSandboxFixtures();
const ALL = ['real_name_verification', 'face_verification', 'bank_card_verification'];
const context = { ip: '203.0.113.7' };

describe('verification sessions (use cases on PostgreSQL, privacy and the sandbox)', () => {
  let h: IdentityHarness;
  beforeAll(async () => {
    h = await identityHarness(inject('databaseUrl'));
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.risk.decision = { decision: 'NONE' };
  });

  async function subject(...purposes: string[]): Promise<string> {
    const subjectId = `user-${randomUUID()}`;
    await h.grant(subjectId, ...(purposes.length ? purposes : ALL));
    return subjectId;
  }
  const open = async (subjectId: string, targetLevel: 'L1' | 'L2' | 'L3' = 'L3') => (await h.createSession.execute({ subjectId, targetLevel })).id;
  const identity = (subjectId: string, sessionId: string, key: string, overrides: { name?: string; idNumber?: string } = {}) => {
    const person = fixtures.person(key);
    return h.submitIdentity.execute({ subjectId, sessionId, name: overrides.name ?? person.name, idNumber: overrides.idNumber ?? person.idNumber, context });
  };
  const liveness = (subjectId: string, sessionId: string, key: string, photo?: string) => {
    const person = fixtures.person(key);
    return h.submitLiveness.execute({
      subjectId,
      sessionId,
      livenessScore: person.livenessScore,
      faceImage: Buffer.from(fixtures.photoBase64(photo ?? person.selfie), 'base64'),
      context,
    });
  };
  const card = (subjectId: string, sessionId: string, key: string, cardNumber?: string) => {
    const person = fixtures.person(key);
    return h.submitBankCard.execute({ subjectId, sessionId, cardNumber: cardNumber ?? person.bankCard!, phone: person.phone, context });
  };

  it('reaches L3, keeps the data encrypted with blind indexes, and the face only as a digest', async () => {
    const subjectId = await subject();
    const sessionId = await open(subjectId);
    const person = fixtures.person('p03-happy-x-check');
    expect((await identity(subjectId, sessionId, person.key)).factor.result).toBe('MATCH');
    expect((await liveness(subjectId, sessionId, person.key)).factor.result).toBe('MATCH');
    const done = await card(subjectId, sessionId, person.key);
    expect(done.session).toMatchObject({ status: 'VERIFIED' });
    expect(h.present.session(done.session)).toMatchObject({
      level: 'L3',
      masked: {
        name: '*娜',
        idNumber: '4****************X',
        cardNumber: expect.stringMatching(/^622848\*+0636$/),
        phone: `${person.phone.slice(0, 3)}****${person.phone.slice(-4)}`,
      },
    });
    await expect(h.level.execute(subjectId)).resolves.toMatchObject({ level: 'L3' });

    const [row] = await h.dataSource.query('SELECT t::text AS text, id_number_bidx, card_number_bidx, phone_bidx FROM identity.sessions t WHERE id = $1', [
      sessionId,
    ]);
    for (const value of [person.name, person.idNumber, person.bankCard!, person.phone]) expect(row.text).not.toContain(value);
    expect(row.id_number_bidx).toBe(h.vault.blindIndex('id_number', person.idNumber));
    expect(row.card_number_bidx).toBe(h.vault.blindIndex('bank_card', person.bankCard!));
    expect(row.phone_bidx).toBe(h.vault.blindIndex('mobile', person.phone));
    const factors = await h.dataSource.query(
      'SELECT t::text AS text, face_sha256, similarity FROM identity.session_factors t WHERE session_id = $1 ORDER BY id',
      [sessionId],
    );
    const photo = fixtures.photoBase64(person.selfie);
    expect(factors[1].face_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(factors[1].similarity).toBeGreaterThanOrEqual(70);
    for (const factor of factors) {
      expect(factor.text).not.toContain(photo.slice(0, 40));
      expect(factor.text).not.toContain(Buffer.from(photo, 'base64').toString('hex').slice(0, 40));
    }
  });

  it('refuses factors out of order, beyond the target, or twice', async () => {
    const subjectId = await subject();
    const l1 = await open(subjectId, 'L1');
    await expect(liveness(subjectId, l1, 'p01-happy')).rejects.toMatchObject({ code: 'FACTOR_NOT_REQUIRED' });
    const l2 = await open(subjectId, 'L2');
    await expect(liveness(subjectId, l2, 'p01-happy')).rejects.toMatchObject({ code: 'IDENTITY_NOT_VERIFIED' });
    await identity(subjectId, l2, 'p01-happy');
    await expect(identity(subjectId, l2, 'p01-happy')).rejects.toMatchObject({ code: 'FACTOR_ALREADY_VERIFIED' });
    await expect(card(subjectId, l2, 'p01-happy')).rejects.toMatchObject({ code: 'FACTOR_NOT_REQUIRED' });
    await expect(identity('someone-else', l2, 'p01-happy')).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
    await expect(identity(subjectId, 'not-a-uuid', 'p01-happy')).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
  });

  it('expires an open session after its TTL', async () => {
    const subjectId = await subject();
    const sessionId = await open(subjectId);
    h.clock.advance(31 * 60_000);
    try {
      expect(h.present.session(await h.getSession.execute(subjectId, sessionId)).status).toBe('EXPIRED');
      await expect(identity(subjectId, sessionId, 'p01-happy')).rejects.toMatchObject({ code: 'SESSION_NOT_OPEN' });
    } finally {
      h.clock.advance(-31 * 60_000);
    }
  });

  it('locks a user out after 5 failed ID checks in the window, without calling upstream, and lets them back after it', async () => {
    const subjectId = await subject();
    for (let i = 0; i < 5; i++) {
      const outcome = await identity(subjectId, await open(subjectId), 'p01-happy', { idNumber: unknownIdNumber() });
      expect(outcome.factor).toMatchObject({ result: 'NO_RECORD', reasonCode: 'ID_NO_RECORD' });
    }
    const before = await h.sandboxCalls();
    const locked = await identity(subjectId, await open(subjectId), 'p01-happy');
    expect(locked.factor).toMatchObject({ result: 'REJECTED', reasonCode: 'ATTEMPTS_EXCEEDED' });
    expect(locked.session.status).toBe('LOCKED');
    expect(await h.sandboxCalls()).toBe(before);

    h.clock.advance(24 * 3_600_000 + 60_000);
    try {
      expect((await identity(subjectId, await open(subjectId), 'p01-happy')).factor.result).toBe('MATCH');
    } finally {
      h.clock.advance(-(24 * 3_600_000 + 60_000));
    }
  });

  it('locks an ID number after 5 failures by anyone, even for a correct later attempt', async () => {
    const idNumber = unknownIdNumber();
    for (let i = 0; i < 5; i++) {
      const subjectId = await subject();
      expect((await identity(subjectId, await open(subjectId), 'p01-happy', { idNumber })).factor.result).toBe('NO_RECORD');
    }
    const subjectId = await subject();
    expect((await identity(subjectId, await open(subjectId), 'p01-happy', { idNumber })).factor.reasonCode).toBe('ATTEMPTS_EXCEEDED');
  });

  it('never lets parallel attempts overshoot the limit', async () => {
    const subjectId = await subject();
    const sessions = await Promise.all(Array.from({ length: 8 }, () => open(subjectId)));
    const before = await h.sandboxCalls();
    const outcomes = await Promise.all(sessions.map((sessionId) => identity(subjectId, sessionId, 'p01-happy', { idNumber: unknownIdNumber() })));
    const reasons = outcomes.map((outcome) => outcome.factor.reasonCode).sort();
    expect(reasons).toEqual([...Array(3).fill('ATTEMPTS_EXCEEDED'), ...Array(5).fill('ID_NO_RECORD')]);
    expect(await h.sandboxCalls()).toBe(before + 5);
  });

  it('limits card attempts per user and per card number the same way', async () => {
    const subjectId = await subject();
    const sessionId = await open(subjectId);
    await identity(subjectId, sessionId, 'p19-happy-elderly');
    for (let i = 0; i < 5; i++) expect((await card(subjectId, sessionId, 'p19-happy-elderly', unknownCardNumber())).factor.reasonCode).toBe('CARD_NO_RECORD');
    const locked = await card(subjectId, sessionId, 'p19-happy-elderly');
    expect(locked.factor.reasonCode).toBe('ATTEMPTS_EXCEEDED');
    expect(locked.session.status).toBe('LOCKED');
  });

  it('runs one factor at a time per session', async () => {
    const subjectId = await subject();
    const sessionId = await open(subjectId);
    const asked = h.risk.queries.length;
    const release = h.risk.hold();
    const first = identity(subjectId, sessionId, 'p01-happy');
    try {
      // The first factor holds the session once it is waiting on risk; on a loaded machine that takes a while.
      await expect.poll(() => h.risk.queries.length, { timeout: 20_000 }).toBeGreaterThan(asked);
      await expect(identity(subjectId, sessionId, 'p01-happy')).rejects.toMatchObject({ code: 'SESSION_BUSY' });
    } finally {
      release();
    }
    expect((await first).factor.result).toBe('MATCH');
  });

  it('stops a factor risk denies, before any upstream call and without counting a failure, and reports assessed outcomes to risk', async () => {
    const subjectId = await subject();
    const before = await h.sandboxCalls();
    h.risk.decision = { decision: 'DENY', decisionId: randomUUID() };
    const denied = await identity(subjectId, await open(subjectId), 'p05-name-mismatch');
    expect(denied.factor).toMatchObject({ result: 'REJECTED', reasonCode: 'RISK_DENIED' });
    expect(await h.sandboxCalls()).toBe(before);
    const [{ count }] = await h.dataSource.query('SELECT count(*)::int AS count FROM identity.failed_attempts WHERE subject_id = $1', [subjectId]);
    expect(count).toBe(0);

    const decisionId = randomUUID();
    h.risk.decision = { decision: 'REVIEW', decisionId };
    expect((await identity(subjectId, await open(subjectId), 'p05-name-mismatch')).factor.reasonCode).toBe('NAME_MISMATCH');
    const outbox = await h.dataSource.query(`SELECT payload FROM identity.outbox WHERE dedupe_key = $1`, [`risk-outcome:${decisionId}`]);
    expect(outbox).toEqual([{ payload: { decisionId, outcome: 'KYC_FAILED' } }]);
    expect(h.risk.queries.at(-1)).toMatchObject({ subjectId, event: 'KYC', context, idNumber: fixtures.person('p05-name-mismatch').idNumber });
  });

  it('binds a verified subject to their ID number', async () => {
    const subjectId = await subject();
    await identity(subjectId, await open(subjectId, 'L1'), 'p01-happy');
    const before = await h.sandboxCalls();
    const other = await identity(subjectId, await open(subjectId), 'p02-happy');
    expect(other.factor).toMatchObject({ result: 'REJECTED', reasonCode: 'IDENTITY_CHANGED' });
    expect(await h.sandboxCalls()).toBe(before);
  });

  it('answers CONSENT_REQUIRED, sending and recording nothing, without the consent of the factor', async () => {
    const subjectId = await subject('real_name_verification');
    const sessionId = await open(subjectId);
    await identity(subjectId, sessionId, 'p01-happy');
    const before = await h.sandboxCalls();
    const refused = await liveness(subjectId, sessionId, 'p01-happy');
    expect(refused.factor).toMatchObject({ result: 'REJECTED', reasonCode: 'CONSENT_REQUIRED', billed: false });
    expect(refused.session.status).toBe('OPEN');
    expect(await h.sandboxCalls()).toBe(before);
    const disclosures = await h.privacy.dataSource.query('SELECT recipient_id FROM privacy.disclosures WHERE subject_id = $1', [subjectId]);
    expect(disclosures).toEqual([{ recipient_id: 'id-authority' }]);
  });

  it('fails closed when the privacy service is down: nothing sent, nothing recorded, and a retry works', async () => {
    const subjectId = await subject();
    const sessionId = await open(subjectId);
    const before = await h.sandboxCalls();
    h.setPrivacyDown(true);
    try {
      await expect(identity(subjectId, sessionId, 'p01-happy')).rejects.toMatchObject({ code: 'PRIVACY_UNAVAILABLE' });
    } finally {
      h.setPrivacyDown(false);
    }
    expect(await h.sandboxCalls()).toBe(before);
    expect((await h.getSession.execute(subjectId, sessionId)).factors).toEqual([]);
    expect((await identity(subjectId, sessionId, 'p01-happy')).factor.result).toBe('MATCH');
  });

  it('refuses under-18s and malformed input locally', async () => {
    const subjectId = await subject();
    const before = await h.sandboxCalls();
    const minor = await identity(subjectId, await open(subjectId), 'p07-minor');
    expect(minor.factor).toMatchObject({ result: 'REJECTED', reasonCode: 'UNDERAGE' });
    expect(minor.session.status).toBe('FAILED');
    const sessionId = await open(subjectId);
    expect((await identity(subjectId, sessionId, 'p01-happy', { idNumber: fixtures.malformed('m01-id-check-digit').value })).factor.reasonCode).toBe(
      'ID_NUMBER_INVALID',
    );
    expect((await identity(subjectId, sessionId, 'p01-happy', { name: 'Zhang Wei' })).factor.reasonCode).toBe('NAME_INVALID');
    expect(await h.sandboxCalls()).toBe(before);
  });

  it('checks the real name of a merchant owner on the legal-obligation basis, without consent', async () => {
    const check = (key: string, overrides: { idNumber?: string } = {}) => {
      const person = fixtures.person(key);
      return h.checkRealName.execute({
        subjectId: `merchant-${randomUUID()}`,
        name: person.name,
        idNumber: overrides.idNumber ?? person.idNumber,
        purpose: 'merchant_onboarding',
        requestedBy: 'merchant',
      });
    };
    await expect(check('p01-happy')).resolves.toEqual({ result: 'MATCH', reasonCode: '', retryable: false, billed: true });
    await expect(check('p05-name-mismatch')).resolves.toEqual({ result: 'MISMATCH', reasonCode: 'NAME_MISMATCH', retryable: false, billed: true });
    await expect(check('p06-no-record')).resolves.toEqual({ result: 'NO_RECORD', reasonCode: 'ID_NO_RECORD', retryable: false, billed: false });
    await expect(check('p08-unavailable')).resolves.toEqual({ result: 'UNAVAILABLE', reasonCode: 'UPSTREAM_UNAVAILABLE', retryable: true, billed: false });
    const before = await h.sandboxCalls();
    await expect(check('p01-happy', { idNumber: '110105199003077590' })).resolves.toEqual({
      result: 'REJECTED',
      reasonCode: 'ID_NUMBER_INVALID',
      retryable: false,
      billed: false,
    });
    expect(await h.sandboxCalls()).toBe(before);
    const [row] = await h.privacy.dataSource.query(
      `SELECT legal_basis, requested_by FROM privacy.disclosures WHERE purpose = 'merchant_onboarding' AND requested_by = 'merchant' ORDER BY authorized_at DESC LIMIT 1`,
    );
    expect(row).toEqual({ legal_basis: 'LEGAL_OBLIGATION', requested_by: 'merchant' });
  });
});
