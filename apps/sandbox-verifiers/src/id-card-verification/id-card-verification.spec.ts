import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, ID_PATH, idCardRequest, startTestSandbox, type TestSandbox } from '../testing/test-sandbox.fixture.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ env: { SANDBOX_RATE_LIMIT_PER_MINUTE: '0', SANDBOX_TIMEOUT_DELAY_MS: '20' } });
});
afterAll(() => sandbox.close());

describe('POST /faceid/v1/id-card-verification', () => {
  it('answers "0", billed, when the name goes with the ID number', async () => {
    const { status, body } = await sandbox.post(ID_PATH, idCardRequest(fixtures.person('p01-happy')));
    expect(status).toBe(200);
    expect(body.Response).toEqual({ Result: '0', Description: '姓名和身份证号一致', Billed: true, RequestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('answers "-1", billed, for the right ID number with another name', async () => {
    const person = fixtures.person('p05-name-mismatch');
    expect(person.name).not.toBe(person.authority!.name);
    const { body } = await sandbox.post(ID_PATH, idCardRequest(person));
    expect(body.Response).toMatchObject({ Result: '-1', Billed: true });
    // The same ID number with the authority's own name is a match: -1 is about the name.
    const corrected = await sandbox.post(ID_PATH, { IdCard: person.idNumber, Name: person.authority!.name });
    expect(corrected.body.Response).toMatchObject({ Result: '0', Billed: true });
  });

  it('answers "-5", not billed, for a well-formed number with no record', async () => {
    const { body } = await sandbox.post(ID_PATH, idCardRequest(fixtures.person('p06-no-record')));
    expect(body.Response).toMatchObject({ Result: '-5', Description: '证件库中无此身份证记录', Billed: false });
  });

  it.each(['m01-id-check-digit', 'm02-id-impossible-birth-date', 'm03-id-unknown-province', 'm04-id-future-birth-date'])(
    'answers "-2", not billed, for %s',
    async (key) => {
      const input = fixtures.malformed(key);
      const { status, body } = await sandbox.post(ID_PATH, { ...idCardRequest(fixtures.person(input.basedOn)), [input.field]: input.value });
      expect(status).toBe(200);
      expect(body.Response).toMatchObject({ Result: '-2', Billed: false });
    },
  );

  it('answers "-3", not billed, for a name that is not a resident name', async () => {
    const { body } = await sandbox.post(ID_PATH, { ...idCardRequest(fixtures.person('p01-happy')), Name: 'Zhang Wei' });
    expect(body.Response).toMatchObject({ Result: '-3', Billed: false });
  });

  it('accepts a lower-case x check character as X', async () => {
    const person = fixtures.person('p03-happy-x-check');
    expect(person.idNumber.endsWith('X')).toBe(true);
    const { body } = await sandbox.post(ID_PATH, { IdCard: person.idNumber.toLowerCase(), Name: person.name });
    expect(body.Response.Result).toBe('0');
  });

  it("matches the minor like anyone else: age rules are the caller's business", async () => {
    const minor = fixtures.person('p07-minor');
    expect(Number(minor.birthDate.slice(0, 4))).toBeGreaterThanOrEqual(2010);
    const { body } = await sandbox.post(ID_PATH, idCardRequest(minor));
    expect(body.Response.Result).toBe('0');
  });

  it('gives every fixture person and malformed input the outcome identities.json promises', async () => {
    for (const person of fixtures.people) {
      const { status, body } = await sandbox.post(ID_PATH, idCardRequest(person));
      const expected = person.expected.idCardVerification;
      if (expected.status === 200)
        expect({ key: person.key, status, Result: body.Response.Result, Billed: body.Response.Billed }).toEqual({
          key: person.key,
          status: 200,
          Result: expected.result,
          Billed: expected.billed,
        });
      else expect({ key: person.key, status, code: body.Response.Error.Code }).toEqual({ key: person.key, status: expected.status, code: expected.errorCode });
    }
    for (const input of fixtures.malformedInputs.filter((m) => m.field === 'IdCard' || m.field === 'Name')) {
      const { body } = await sandbox.post(ID_PATH, { ...idCardRequest(fixtures.person(input.basedOn)), [input.field]: input.value });
      const expected = input.expected.idCardVerification;
      expect(expected.status).toBe(200);
      if (expected.status === 200) expect([input.key, body.Response.Result, body.Response.Billed]).toEqual([input.key, expected.result, expected.billed]);
    }
  });
});
