import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_PATH, cardRequest, fixtures, startTestSandbox, type TestSandbox } from '../testing/test-sandbox.fixture.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ env: { SANDBOX_RATE_LIMIT_PER_MINUTE: '0', SANDBOX_TIMEOUT_DELAY_MS: '20' } });
});
afterAll(() => sandbox.close());

async function resultFor(key: string, change: Partial<ReturnType<typeof cardRequest>> = {}) {
  const { status, body } = await sandbox.post(CARD_PATH, { ...cardRequest(fixtures.person(key)), ...change });
  expect(status).toBe(200);
  return { Result: body.Response.Result, Billed: body.Response.Billed, Description: body.Response.Description };
}

describe('POST /faceid/v1/bank-card-4e-verification', () => {
  it('answers "0", billed, when card, holder and reserved phone all match', async () => {
    expect(await resultFor('p01-happy')).toEqual({ Result: '0', Billed: true, Description: '认证通过' });
    expect(await resultFor('p21-happy-visa-card')).toMatchObject({ Result: '0' });
  });

  it('answers "-1", billed, for someone else\'s card and for a name the bank does not hold', async () => {
    expect(await resultFor('p16-card-of-another')).toEqual({ Result: '-1', Billed: true, Description: '认证未通过' });
    expect(await resultFor('p05-name-mismatch')).toMatchObject({ Result: '-1', Billed: true });
    const owner = fixtures.person('p02-happy');
    // The right name with another person's ID number is a mismatch too.
    expect(await resultFor('p01-happy', { IdCard: owner.idNumber })).toMatchObject({ Result: '-1', Billed: true });
  });

  it('answers "-6", billed, when the reserved phone differs', async () => {
    const person = fixtures.person('p15-card-phone-mismatch');
    const card = fixtures.cards.find((c) => c.number === person.bankCard)!;
    expect(card.reservedPhone).not.toBe(person.phone);
    expect(await resultFor(person.key)).toEqual({ Result: '-6', Billed: true, Description: '持卡人信息有误' });
    expect(await resultFor(person.key, { Phone: card.reservedPhone })).toMatchObject({ Result: '0' });
  });

  it.each([
    ['p14-card-no-cnp', '-7', '未开通无卡支付'],
    ['p17-card-unknown', '-9', '无效卡号'],
    ['p12-card-lost', '-13', '此卡已挂失'],
    ['p13-card-expired', '-14', '该卡已过期'],
  ])('answers the card problem of %s (%s), not billed', async (key, result, description) => {
    expect(await resultFor(key)).toEqual({ Result: result, Billed: false, Description: description });
  });

  it('answers format errors -2..-5 without billing', async () => {
    const fields: Array<[string, Partial<ReturnType<typeof cardRequest>>]> = [
      ['-2', { Name: 'Zhang Wei' }],
      ['-3', { IdCard: fixtures.malformed('m01-id-check-digit').value }],
      ['-4', { BankCard: fixtures.malformed('m06-card-luhn').value }],
      ['-5', { Phone: fixtures.malformed('m07-phone-format').value }],
    ];
    for (const [result, change] of fields) expect(await resultFor('p01-happy', change)).toMatchObject({ Result: result, Billed: false });
  });

  it('gives every card holder and malformed input the outcome identities.json promises', async () => {
    for (const person of fixtures.people.filter((p) => p.bankCard !== null)) {
      const expected = person.expected.bankCard4eVerification!;
      const { status, body } = await sandbox.post(CARD_PATH, cardRequest(person));
      if (expected.status === 200)
        expect([person.key, status, body.Response.Result, body.Response.Billed]).toEqual([person.key, 200, expected.result, expected.billed]);
      else expect([person.key, status, body.Response.Error.Code]).toEqual([person.key, expected.status, expected.errorCode]);
    }
    for (const input of fixtures.malformedInputs) {
      const expected = input.expected.bankCard4eVerification!;
      const { body } = await sandbox.post(CARD_PATH, { ...cardRequest(fixtures.person(input.basedOn)), [input.field]: input.value });
      if (expected.status === 200) expect([input.key, body.Response.Result, body.Response.Billed]).toEqual([input.key, expected.result, expected.billed]);
    }
  });
});
