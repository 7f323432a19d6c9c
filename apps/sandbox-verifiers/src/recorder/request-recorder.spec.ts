import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../runtime/clock.js';
import { ID_CARD_VERIFICATION } from '../front-door/verifier-endpoints.js';
import {
  ACCOUNT_PATH,
  accountRequest,
  CARD_PATH,
  cardRequest,
  FACE_PATH,
  faceRequest,
  fixtures,
  ID_PATH,
  idCardRequest,
  startTestSandbox,
  type TestSandbox,
} from '../testing/test-sandbox.fixture.js';
import { RequestRecorder } from './request-recorder.js';

describe('GET/DELETE /__sandbox/requests', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ env: { SANDBOX_RATE_LIMIT_PER_MINUTE: '0' } });
  });
  afterAll(() => sandbox.close());

  it("records each call's endpoint, time and top-level field names, and never a value", async () => {
    const person = fixtures.person('p01-happy');
    const account = fixtures.account('a01-p01-happy');
    await sandbox.delete('/__sandbox/requests');
    const before = Date.now();
    await sandbox.post(ID_PATH, idCardRequest(person));
    await sandbox.post(FACE_PATH, faceRequest(person));
    await sandbox.post(CARD_PATH, cardRequest(person));
    await sandbox.post(ACCOUNT_PATH, accountRequest(account));
    // Extra fields are recorded too (and rejected): that is what tests look for.
    await sandbox.post(ID_PATH, { ...idCardRequest(person), Phone: person.phone, Nested: { BankCard: person.bankCard } });

    const { status, body, text } = await sandbox.get('/__sandbox/requests');
    expect(status).toBe(200);
    expect(body.requests.map((r: { endpoint: string; action: string; fields: string[] }) => [r.endpoint, r.action, r.fields])).toEqual([
      [ID_PATH, 'IdCardVerification', ['IdCard', 'Name']],
      [FACE_PATH, 'ImageRecognition', ['IdCard', 'Name', 'ImageBase64', 'LivenessScore']],
      [CARD_PATH, 'BankCard4EVerification', ['BankCard', 'Name', 'IdCard', 'Phone']],
      [ACCOUNT_PATH, 'BankAccountVerification', ['AccountNumber', 'AccountName']],
      [ID_PATH, 'IdCardVerification', ['IdCard', 'Name', 'Phone', 'Nested']],
    ]);
    expect(Date.parse(body.requests[0].receivedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(body.counts).toEqual({ [ID_PATH]: 2, [FACE_PATH]: 1, [CARD_PATH]: 1, [ACCOUNT_PATH]: 1 });
    for (const value of [
      person.idNumber,
      person.name,
      person.phone,
      person.bankCard!,
      account.number,
      faceRequest(person).ImageBase64.slice(0, 40),
      String(person.livenessScore),
    ]) {
      expect(text).not.toContain(value);
    }
  });

  it('records bodies that fail validation and calls that are answered with an error', async () => {
    await sandbox.delete('/__sandbox/requests');
    await sandbox.post(ID_PATH, { IdCard: 42 });
    await sandbox.post(ID_PATH, [1, 2]);
    await sandbox.post(ID_PATH, idCardRequest(fixtures.person('p08-unavailable')));
    const { body } = await sandbox.get('/__sandbox/requests');
    expect(body.requests.map((r: { fields: string[] }) => r.fields)).toEqual([['IdCard'], [], ['IdCard', 'Name']]);
  });

  it('clears requests and counts on DELETE', async () => {
    await sandbox.post(ID_PATH, idCardRequest(fixtures.person('p02-happy')));
    expect((await sandbox.delete('/__sandbox/requests')).status).toBe(204);
    const { body } = await sandbox.get('/__sandbox/requests');
    expect(body).toEqual({ counts: { [ID_PATH]: 0, [FACE_PATH]: 0, [CARD_PATH]: 0, [ACCOUNT_PATH]: 0 }, requests: [] });
  });
});

describe('RequestRecorder', () => {
  it('keeps the last 1000 requests but counts every call', () => {
    const recorder = new RequestRecorder(new SystemClock());
    for (let i = 0; i < 1005; i++) recorder.record(ID_CARD_VERIFICATION, { [`F${i}`]: i });
    const traffic = recorder.traffic();
    expect(traffic.requests).toHaveLength(1000);
    expect(traffic.requests[0]!.fields).toEqual(['F5']);
    expect(traffic.requests[999]!.fields).toEqual(['F1004']);
    expect(traffic.counts[ID_CARD_VERIFICATION.path]).toBe(1005);
  });
});
