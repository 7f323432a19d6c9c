import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_PATH,
  CARD_PATH,
  FACE_PATH,
  faceRequest,
  fixtures,
  ID_PATH,
  idCardRequest,
  startTestSandbox,
  type TestSandbox,
} from '../testing/test-sandbox.fixture.js';
import { BODY_LIMIT_BYTES } from './body-limit.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ env: { SANDBOX_RATE_LIMIT_PER_MINUTE: '0' } });
});
afterAll(() => sandbox.close());

const person = fixtures.person('p01-happy');
const PERSONAL = [person.idNumber, person.name, person.phone, person.bankCard!];

function expectTencentError(answer: { status: number; body: { Response: { Error: { Code: string } } }; text: string }, status: number, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.body).toEqual({ Response: { Error: { Code: code, Message: expect.any(String) }, RequestId: expect.any(String) } });
  for (const value of PERSONAL) expect(answer.text).not.toContain(value);
}

describe('malformed requests', () => {
  it.each([
    ['missing Name', ID_PATH, { IdCard: person.idNumber }],
    ['number for IdCard', ID_PATH, { IdCard: Number(person.idNumber.slice(0, 15)), Name: person.name }],
    ['empty Name', ID_PATH, { IdCard: person.idNumber, Name: '' }],
    ['IdCard too long', ID_PATH, { IdCard: person.idNumber.repeat(2), Name: person.name }],
    ['null body fields', CARD_PATH, { BankCard: null, Name: person.name, IdCard: person.idNumber, Phone: person.phone }],
    ['LivenessScore as a string', FACE_PATH, { ...faceRequest(person), LivenessScore: '85' }],
    ['LivenessScore above 100', FACE_PATH, { ...faceRequest(person), LivenessScore: 101 }],
    ['a JSON array', ID_PATH, [person.idNumber, person.name]],
    ['a JSON string', ID_PATH, person.idNumber],
    ['JSON null', ID_PATH, null],
  ])('answers 400 InvalidParameter for %s', async (_case, path, body) => {
    expectTencentError(await sandbox.post(path, body), 400, 'InvalidParameter');
  });

  it('names the offending parameter, not its value', async () => {
    const { body } = await sandbox.post(ID_PATH, { IdCard: person.idNumber, Name: 7 });
    expect(body.Response.Error.Message).toContain('Name');
  });

  it('answers 400 InvalidParameter for broken or non-JSON bodies without echoing them', async () => {
    expectTencentError(await sandbox.postRaw(ID_PATH, `{"IdCard":"${person.idNumber}","Name":"${person.name}"`), 400, 'InvalidParameter');
    expectTencentError(await sandbox.postRaw(ID_PATH, `{"IdCard":"${person.idNumber}",}`), 400, 'InvalidParameter');
    expectTencentError(await sandbox.postRaw(ID_PATH, ''), 400, 'InvalidParameter');
    expectTencentError(await sandbox.postRaw(ID_PATH, person.idNumber, 'text/plain'), 400, 'InvalidParameter');
    expectTencentError(await sandbox.postRaw(ID_PATH, `{"__proto__":{"x":1},"IdCard":"${person.idNumber}"}`), 400, 'InvalidParameter');
    expectTencentError(await sandbox.postRaw(ID_PATH, Buffer.from([0xff, 0xfe, 0x00]), 'application/octet-stream'), 400, 'InvalidParameter');
  });

  it('answers 400 UnknownParameter for a field the API does not take, without naming it', async () => {
    const answer = await sandbox.post(ID_PATH, { ...idCardRequest(person), [person.phone]: person.phone });
    expectTencentError(answer, 400, 'UnknownParameter');
  });

  it(`answers 413 RequestSizeLimitExceeded above ${BODY_LIMIT_BYTES} bytes, and takes a 3 MB image`, async () => {
    const tooBig = { ...idCardRequest(person), ImageBase64: 'A'.repeat(BODY_LIMIT_BYTES) };
    expectTencentError(await sandbox.post(FACE_PATH, tooBig), 413, 'RequestSizeLimitExceeded');
    // Just under the cap: parsed and validated (a 400 about the image, not a 413).
    const large = await sandbox.post(FACE_PATH, { ...faceRequest(person), ImageBase64: 'A'.repeat(3 * 1024 * 1024) });
    expect(large.status).toBe(400);
    expect(large.body.Response.Error.Code).toBe('InvalidParameterValue.ImageDecodeFailed');
  });

  it('never answers 500, whatever JSON arrives (property)', async () => {
    const field = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
    );
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ IdCard: field, Name: field, ImageBase64: field, LivenessScore: field, BankCard: field, Phone: field }, { requiredKeys: [] }),
      fc.record({ AccountNumber: field, AccountName: field }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(ID_PATH, FACE_PATH, CARD_PATH, ACCOUNT_PATH), body, async (path, value) => {
        const { status } = await sandbox.post(path, value);
        expect([200, 400]).toContain(status);
      }),
      { numRuns: 150 },
    );
  });

  it('answers 404 InvalidAction for an unknown endpoint or method', async () => {
    expectTencentError(await sandbox.post('/faceid/v1/no-such-api', {}), 404, 'InvalidAction');
    expectTencentError(await sandbox.get(ID_PATH), 404, 'InvalidAction');
  });
});
