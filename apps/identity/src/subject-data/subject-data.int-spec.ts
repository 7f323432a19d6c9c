import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadSandboxFixtures } from '../../../sandbox-verifiers/src/fixtures/index.js';
import { identityHarness, unknownIdNumber, type IdentityHarness } from '../testing/identity-harness.fixture.js';

const fixtures = loadSandboxFixtures();
const ALL = ['real_name_verification', 'face_verification', 'bank_card_verification'];
const context = { ip: '203.0.113.7' };
const YEAR_MS = 365 * 86_400_000;

/**
 * Data-subject rights on PostgreSQL. A private database: retention runs as of
 * years ahead sweep every subject's data, which a shared one must not see.
 * Tests run in order; the ones that sweep come last.
 */
describe('subject data: export, correction, erasure and retention', () => {
  let database: TestDatabase;
  let h: IdentityHarness;
  beforeAll(async () => {
    database = await createTestDatabase(inject('serverUrl'), 'kyc_identity_subject_data_test');
    h = await identityHarness(database.url);
  });
  afterAll(async () => {
    await h?.close();
    await database?.drop();
  });

  async function subject(): Promise<string> {
    const subjectId = `user-${randomUUID()}`;
    await h.grant(subjectId, ...ALL);
    return subjectId;
  }
  const open = async (subjectId: string, targetLevel: 'L1' | 'L2' | 'L3' = 'L3') => (await h.createSession.execute({ subjectId, targetLevel })).id;
  const identity = (subjectId: string, sessionId: string, key: string, idNumber?: string) => {
    const person = fixtures.person(key);
    return h.submitIdentity.execute({ subjectId, sessionId, name: person.name, idNumber: idNumber ?? person.idNumber, context });
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
  const card = (subjectId: string, sessionId: string, key: string) => {
    const person = fixtures.person(key);
    return h.submitBankCard.execute({ subjectId, sessionId, cardNumber: person.bankCard!, phone: person.phone, context });
  };
  async function verifyL3(subjectId: string, key: string): Promise<string> {
    const sessionId = await open(subjectId);
    expect((await identity(subjectId, sessionId, key)).factor.result).toBe('MATCH');
    expect((await liveness(subjectId, sessionId, key)).factor.result).toBe('MATCH');
    expect((await card(subjectId, sessionId, key)).session.status).toBe('VERIFIED');
    return sessionId;
  }
  /** A session that fails on an ID number the authority does not know: one failed attempt, no level. */
  async function failedSession(subjectId: string, idNumber = unknownIdNumber()): Promise<string> {
    const sessionId = await open(subjectId);
    expect((await identity(subjectId, sessionId, 'p01-happy', idNumber)).factor.reasonCode).toBe('ID_NO_RECORD');
    return sessionId;
  }
  const sessionRow = async (id: string) =>
    (
      await h.dataSource.query(
        `SELECT restricted_at, hold_until, encode(name_enc, 'hex') AS name_hex, encode(id_number_enc, 'hex') AS id_number_hex,
           encode(card_number_enc, 'hex') AS card_hex, encode(phone_enc, 'hex') AS phone_hex, id_number_bidx, card_number_bidx, phone_bidx
         FROM identity.sessions WHERE id = $1`,
        [id],
      )
    )[0] as Record<string, string | Date | null> | undefined;
  const faceDigests = async (sessionId: string): Promise<Array<string | null>> =>
    (
      (await h.dataSource.query(`SELECT face_sha256 FROM identity.session_factors WHERE session_id = $1 AND type = 'LIVENESS' ORDER BY id`, [
        sessionId,
      ])) as Array<{ face_sha256: string | null }>
    ).map((row) => row.face_sha256);
  const exported = async (subjectId: string, reason: 'SUBJECT_COPY' | 'STAFF_UNMASK' = 'SUBJECT_COPY') => {
    const { data, held } = await h.exportSubjectData.execute(subjectId, reason);
    return { data: JSON.parse(JSON.stringify(data)) as ExportedData, held };
  };
  const erase = (subjectId: string, mode: 'DELETE' | 'CLOSE_ACCOUNT', requestId: string = randomUUID()) =>
    h.eraseSubjectData.execute({ subjectId, mode, requestId });

  it('exports every session with its factors and matched data in clear, the face as a digest, and failed attempts as a count', async () => {
    const subjectId = await subject();
    const person = fixtures.person('p03-happy-x-check');
    const tried = unknownIdNumber();
    const failed = await failedSession(subjectId, tried);
    const verified = await verifyL3(subjectId, person.key);

    const { data, held } = await exported(subjectId);
    expect(held).toEqual([]);
    expect(data.verified_level).toEqual({ level: 'L3', verified_at: expect.any(String) });
    expect(data.sessions.map((session) => session.id)).toEqual([failed, verified]);
    const [first, second] = data.sessions;
    expect(first).toMatchObject({ status: 'OPEN', level_reached: null, identity: null, bank_card: null, restriction: null });
    expect(first!.factors).toEqual([
      expect.objectContaining({ type: 'IDENTITY', result: 'NO_RECORD', reason_code: 'ID_NO_RECORD', billed: false, face: null }),
    ]);
    expect(second).toMatchObject({
      status: 'VERIFIED',
      target_level: 'L3',
      level_reached: 'L3',
      verified_at: expect.any(String),
      identity: { name: person.name, id_number: person.idNumber },
      bank_card: { card_number: person.bankCard, reserved_phone: person.phone },
      restriction: null,
    });
    const [digest] = await faceDigests(verified);
    expect(second!.factors.map((factor) => `${factor.type}:${factor.result}`)).toEqual(['IDENTITY:MATCH', 'LIVENESS:MATCH', 'BANK_CARD:MATCH']);
    expect(second!.factors[1]!.face).toEqual({
      image_sha256: digest,
      liveness_score: person.livenessScore,
      similarity: expect.any(Number),
      liveness_verdict: expect.any(String),
    });
    expect(data.failed_attempts).toEqual({ total: 1, by_factor: { IDENTITY: 1, LIVENESS: 0, BANK_CARD: 0 } });
    // The number tried is not the subject's data to receive back: neither it nor its blind index is exported.
    const text = JSON.stringify(data);
    expect(text).not.toContain(tried);
    expect(text).not.toContain(h.vault.blindIndex('id_number', tried));
    expect(text).not.toContain(fixtures.photoBase64(person.selfie).slice(0, 40));

    expect((await exported(subjectId, 'STAFF_UNMASK')).data).toEqual(data);
    expect((await exported(`user-${randomUUID()}`)).data).toEqual({
      verified_level: null,
      sessions: [],
      failed_attempts: { total: 0, by_factor: { IDENTITY: 0, LIVENESS: 0, BANK_CARD: 0 } },
      legal_hold: [],
    });
  });

  it('changes nothing for contact fields and refuses authority-verified facts', async () => {
    const subjectId = await subject();
    await verifyL3(subjectId, 'p02-happy');
    const before = await exported(subjectId);
    for (const field of ['phone', 'email', 'address'] as const) expect(h.correctSubjectData.execute(field)).toEqual({ updated: 0 });
    for (const field of ['name', 'id_number'] as const)
      expect(() => h.correctSubjectData.execute(field)).toThrow(expect.objectContaining({ code: 'FIELD_NOT_CORRECTABLE' }));
    expect(await exported(subjectId)).toEqual(before);
  });

  it('DELETE deletes what no hold keeps, restricts the verification record out of every use, lists it, and lets the subject verify again', async () => {
    const subjectId = await subject();
    const tried = unknownIdNumber();
    const failed = await failedSession(subjectId, tried);
    const verified = await verifyL3(subjectId, 'p01-happy');
    // A later partial session of the same person: its data duplicates the verified record.
    const partial = await open(subjectId);
    expect((await identity(subjectId, partial, 'p01-happy')).factor.result).toBe('MATCH');
    // A failure from before the attempt window: nothing needs it any more.
    await h.dataSource.query(
      `INSERT INTO identity.failed_attempts (id, kind, subject_id, value_bidx, state, at) VALUES ($1, 'IDENTITY', $2, $3, 'FAILED', now() - interval '3 days')`,
      [randomUUID(), subjectId, h.vault.blindIndex('id_number', unknownIdNumber())],
    );
    const kept = await sessionRow(verified);

    const requestId = randomUUID();
    const answer = await erase(subjectId, 'DELETE', requestId);
    expect(answer).toEqual({
      deleted: 4, // the failed and the partial session, the level, the old failure
      anonymised: 1, // the failure inside the window, detached from the subject
      held: [
        {
          category: 'kyc_identity_records',
          holdUntil: '',
          legalBasis: expect.stringContaining('Anti-Money-Laundering Law art. 40'),
          records: 1,
        },
      ],
    });
    expect(await sessionRow(failed)).toBeUndefined();
    expect(await sessionRow(partial)).toBeUndefined();
    expect(await h.dataSource.query('SELECT 1 FROM identity.session_factors WHERE session_id = ANY($1::uuid[])', [[failed, partial]])).toEqual([]);
    const attempts = await h.dataSource.query('SELECT subject_id, value_bidx FROM identity.failed_attempts WHERE subject_id = $1 OR value_bidx = $2', [
      subjectId,
      h.vault.blindIndex('id_number', tried),
    ]);
    expect(attempts).toEqual([{ subject_id: null, value_bidx: h.vault.blindIndex('id_number', tried) }]);

    // Kept as recorded, restricted, with no hold end while the relationship continues.
    const restricted = await sessionRow(verified);
    expect(restricted).toMatchObject({ ...kept, restricted_at: expect.any(Date), hold_until: null });
    expect(restricted!.card_hex).toMatch(/^[0-9a-f]+$/);
    await expect(h.getSession.execute(subjectId, verified)).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
    await expect(h.level.execute(subjectId)).resolves.toEqual({ level: 'NONE' });
    await expect(card(subjectId, verified, 'p01-happy')).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });

    // Still the subject's to see: their own copy lists it, restricted, and what holds it.
    const { data, held } = await exported(subjectId);
    expect(held).toEqual(answer.held);
    expect(data.sessions).toEqual([
      expect.objectContaining({
        id: verified,
        identity: { name: fixtures.person('p01-happy').name, id_number: fixtures.person('p01-happy').idNumber },
        restriction: { restricted_at: expect.any(String), hold_until: null },
      }),
    ]);
    expect(data.failed_attempts).toMatchObject({ total: 0 });

    // A new verification works as for anyone: the restricted record binds nothing, not even the ID number.
    const again = await open(subjectId, 'L1');
    expect((await identity(subjectId, again, 'p02-happy')).session.status).toBe('VERIFIED');
    await expect(h.level.execute(subjectId)).resolves.toMatchObject({ level: 'L1' });

    // A retry of the same request gets the first answer and leaves the new verification alone.
    expect(await erase(subjectId, 'DELETE', requestId)).toEqual(answer);
    expect(await sessionRow(again)).toMatchObject({ restricted_at: null });
    await expect(h.level.execute(subjectId)).resolves.toMatchObject({ level: 'L1' });
    await expect(erase(subjectId, 'CLOSE_ACCOUNT', requestId)).rejects.toMatchObject({ code: 'ERASURE_REQUEST_CONFLICT' });
    await expect(erase(`user-${randomUUID()}`, 'DELETE', requestId)).rejects.toMatchObject({ code: 'ERASURE_REQUEST_CONFLICT' });
  });

  it('keeps a session that reached a level when the level rests on it alone, and deletes everything of a subject who never verified', async () => {
    const partialOnly = await subject();
    const partial = await open(partialOnly);
    expect((await identity(partialOnly, partial, 'p04-happy-minority-name')).factor.result).toBe('MATCH');
    await expect(h.level.execute(partialOnly)).resolves.toMatchObject({ level: 'L1' });
    expect(await erase(partialOnly, 'DELETE')).toMatchObject({ deleted: 1, anonymised: 0, held: [expect.objectContaining({ records: 1 })] });
    expect(await sessionRow(partial)).toMatchObject({ restricted_at: expect.any(Date), id_number_hex: expect.stringMatching(/^[0-9a-f]+$/) });

    const never = await subject();
    const failed = await failedSession(never);
    expect(await erase(never, 'DELETE')).toEqual({ deleted: 1, anonymised: 1, held: [] });
    expect(await sessionRow(failed)).toBeUndefined();
    for (const table of ['sessions', 'failed_attempts', 'verification_levels'])
      expect(await h.dataSource.query(`SELECT 1 FROM identity.${table} WHERE subject_id = $1`, [never])).toEqual([]);
  });

  it('does not reset a number lockout: failures inside the window keep counting against the ID number', async () => {
    const idNumber = unknownIdNumber();
    const erased = await subject();
    for (let i = 0; i < 5; i++) await failedSession(erased, idNumber);
    await erase(erased, 'DELETE');
    const other = await subject();
    const locked = await identity(other, await open(other), 'p01-happy', idNumber);
    expect(locked.factor).toMatchObject({ result: 'REJECTED', reasonCode: 'ATTEMPTS_EXCEEDED' });
  });

  it('retention purges the personal fields of sessions that ended unverified, except the one a level rests on; idempotent', async () => {
    const subjectId = await subject();
    const key = 'p19-happy-elderly';
    // Reaches L2 and is abandoned: the subject's level rests on it.
    const l2 = await open(subjectId);
    await identity(subjectId, l2, key);
    expect((await liveness(subjectId, l2, key)).factor.result).toBe('MATCH');
    // Reaches L1, then a face of someone else: duplicates the L2 session's identity, plus a face digest.
    const l1 = await open(subjectId);
    await identity(subjectId, l1, key);
    expect((await liveness(subjectId, l1, key, 'stranger-01.jpg')).factor.result).toBe('MISMATCH');
    const before = await sessionRow(l2);

    const now = h.clock.now().getTime();
    const day = 86_400_000;
    // Not yet: the sessions' deadline is not 30 days past.
    await h.runRetention.execute(new Date(now + 29 * day));
    expect(await sessionRow(l1)).toMatchObject({ id_number_hex: expect.any(String) });

    const counts = await h.runRetention.execute(new Date(now + 31 * day));
    expect(counts.sessions_purged).toBeGreaterThanOrEqual(1);
    expect(await sessionRow(l1)).toMatchObject({
      name_hex: null,
      id_number_hex: null,
      id_number_bidx: null,
      card_hex: null,
      phone_hex: null,
      restricted_at: null,
    });
    expect(await faceDigests(l1)).toEqual([null]);
    expect(await sessionRow(l2)).toEqual(before);
    expect((await faceDigests(l2))[0]).toMatch(/^[0-9a-f]{64}$/);
    await expect(h.level.execute(subjectId)).resolves.toMatchObject({ level: 'L2' });
    // What happened stays: the factors and their results.
    expect((await h.getSession.execute(subjectId, l1)).factors.map((factor) => factor.result)).toEqual(['MATCH', 'MISMATCH']);
    expect(await h.runRetention.execute(new Date(now + 31 * day))).toMatchObject({ sessions_purged: 0, attempts_purged: 0, records_deleted: 0 });

    // Once a verified session holds the record, the abandoned one goes too.
    await verifyL3(subjectId, key);
    await h.runRetention.execute(new Date(now + 32 * day));
    expect(await sessionRow(l2)).toMatchObject({ name_hex: null, id_number_hex: null, id_number_bidx: null });
    expect(await faceDigests(l2)).toEqual([null]);
  });

  it('CLOSE_ACCOUNT starts the hold; retention keeps held records until it ends, then leaves nothing of the subject anywhere in the schema', async () => {
    // A fixture person no other test here uses, so their blind indexes mark only this subject.
    const key = 'p20-happy-leap-day';
    const person = fixtures.person(key);
    const subjectId = await subject();
    const tried = unknownIdNumber();
    const failed = await failedSession(subjectId, tried);
    const first = await verifyL3(subjectId, key);
    const deleteId = randomUUID();
    await erase(subjectId, 'DELETE', deleteId);
    const second = await open(subjectId, 'L2');
    await identity(subjectId, second, key);
    expect((await liveness(subjectId, second, key)).session.status).toBe('VERIFIED');
    const digests = [...(await faceDigests(first)), ...(await faceDigests(second))];
    const rows = [await sessionRow(first), await sessionRow(second)];

    const closeId = randomUUID();
    const before = h.clock.now();
    const answer = await erase(subjectId, 'CLOSE_ACCOUNT', closeId);
    const after = h.clock.now();
    expect(answer.held).toEqual([expect.objectContaining({ category: 'kyc_identity_records', records: 2, holdUntil: expect.any(String) })]);
    const holdUntil = new Date(answer.held[0]!.holdUntil);
    expect(holdUntil.getTime()).toBeGreaterThanOrEqual(before.getTime() + 5 * YEAR_MS);
    expect(holdUntil.getTime()).toBeLessThanOrEqual(after.getTime() + 5 * YEAR_MS + 2 * 86_400_000);
    for (const id of [first, second]) expect(await sessionRow(id)).toMatchObject({ restricted_at: expect.any(Date), hold_until: holdUntil });
    expect((await exported(subjectId)).held).toEqual(answer.held);

    // Before the hold ends nothing held goes, however often retention runs.
    await h.runRetention.execute(new Date(holdUntil.getTime() - 86_400_000));
    expect(await sessionRow(first)).toEqual({ ...rows[0], hold_until: holdUntil });
    expect(await sessionRow(second)).toMatchObject({ id_number_hex: rows[1]!.id_number_hex, hold_until: holdUntil });

    const counts = await h.runRetention.execute(new Date(holdUntil.getTime() + 86_400_000));
    expect(counts.holds_ended).toBeGreaterThanOrEqual(1);
    expect(counts.records_deleted).toBeGreaterThanOrEqual(2);

    const markers = [
      subjectId,
      failed,
      first,
      second,
      deleteId,
      closeId,
      person.name,
      person.idNumber,
      person.bankCard!,
      person.phone,
      tried,
      h.vault.blindIndex('id_number', tried),
      h.vault.blindIndex('id_number', person.idNumber),
      h.vault.blindIndex('bank_card', person.bankCard!),
      h.vault.blindIndex('mobile', person.phone),
      ...digests.filter((digest): digest is string => Boolean(digest)),
      ...rows.flatMap((row) => [row!.name_hex, row!.id_number_hex, row!.card_hex, row!.phone_hex]).filter((hex): hex is string => typeof hex === 'string'),
    ];
    expect(markers.length).toBeGreaterThanOrEqual(20);
    const tables = (
      (await h.dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'identity' ORDER BY 1`)) as Array<{ table_name: string }>
    ).map((row) => row.table_name);
    expect(tables).toEqual(expect.arrayContaining(['sessions', 'session_factors', 'failed_attempts', 'verification_levels', 'erasures', 'outbox']));
    for (const table of tables) {
      const found = (await h.dataSource.query(`SELECT t::text AS text FROM identity."${table}" t`)) as Array<{ text: string }>;
      for (const { text } of found) for (const marker of markers) expect(text, `${table} still holds a trace of the subject`).not.toContain(marker);
    }
    expect(await exported(subjectId)).toEqual({ data: expect.objectContaining({ sessions: [], verified_level: null, legal_hold: [] }), held: [] });

    expect(await h.runRetention.execute(new Date(holdUntil.getTime() + 86_400_000))).toEqual({
      sessions_purged: 0,
      attempts_purged: 0,
      holds_ended: 0,
      records_deleted: 0,
      erasure_receipts_purged: 0,
    });
  });
});

interface ExportedFactor {
  type: string;
  result: string;
  reason_code: string | null;
  billed: boolean;
  face: Record<string, unknown> | null;
}

interface ExportedData {
  verified_level: { level: string; verified_at: string } | null;
  sessions: Array<Record<string, unknown> & { id: string; factors: ExportedFactor[] }>;
  failed_attempts: { total: number; by_factor: Record<string, number> };
  legal_hold: unknown[];
}
