import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_PATH, accountRequest, fixtures, startTestSandbox, type TestSandbox } from '../testing/test-sandbox.fixture.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ env: { SANDBOX_RATE_LIMIT_PER_MINUTE: '0' } });
});
afterAll(() => sandbox.close());

async function answerFor(body: unknown) {
  const { status, body: answer } = await sandbox.post(ACCOUNT_PATH, body);
  expect(status).toBe(200);
  return answer.Response as { Result: string; Description: string; Billed: boolean; RequestId: string };
}

describe('POST /faceid/v1/bank-account-verification', () => {
  it('answers "0", billed, when the account is held under that name (individual and enterprise)', async () => {
    expect(await answerFor(accountRequest(fixtures.account('a07-p19-happy')))).toEqual({
      Result: '0',
      Description: '账户名与账号一致',
      Billed: true,
      RequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const company = fixtures.account('e01-happy');
    expect(company.holderKind).toBe('enterprise');
    expect(await answerFor(accountRequest(company))).toMatchObject({ Result: '0', Billed: true });
  });

  it('answers "-1", billed, for a known account under another name', async () => {
    const person = fixtures.account('a05-p05-name-mismatch');
    expect(person.givenName).not.toBe(person.holderName);
    expect(await answerFor(accountRequest(person))).toMatchObject({ Result: '-1', Description: '账户名与账号不一致', Billed: true });
    // The same account under the name the bank holds is a match: -1 is about the name.
    expect(await answerFor({ AccountNumber: person.number, AccountName: person.holderName })).toMatchObject({ Result: '0' });
    expect(await answerFor(accountRequest(fixtures.account('e04-name-mismatch')))).toMatchObject({ Result: '-1', Billed: true });
    // Another person's real name on someone's account.
    expect(await answerFor({ AccountNumber: fixtures.account('a07-p19-happy').number, AccountName: fixtures.person('p20-happy-leap-day').name })).toMatchObject(
      { Result: '-1' },
    );
  });

  it('answers "-9", not billed, for an account nobody holds, however it is written', async () => {
    expect(await answerFor(accountRequest(fixtures.account('a11-unknown')))).toEqual(
      expect.objectContaining({ Result: '-9', Description: '无此账户', Billed: false }),
    );
    expect(await answerFor(accountRequest(fixtures.account('e05-unknown')))).toMatchObject({ Result: '-9', Billed: false });
    const known = fixtures.account('e01-happy');
    // Numbers are looked up exactly: spaces make another (unknown) number.
    expect(await answerFor({ AccountNumber: `${known.number.slice(0, 4)} ${known.number.slice(4)}`, AccountName: known.givenName })).toMatchObject({
      Result: '-9',
    });
  });

  it('compares names exactly, with no trimming', async () => {
    const account = fixtures.account('a08-p20-happy');
    expect(await answerFor({ AccountNumber: account.number, AccountName: ` ${account.givenName}` })).toMatchObject({ Result: '-1' });
  });

  it('refuses missing, mistyped and unknown parameters with 400, naming no value', async () => {
    const account = fixtures.account('a01-p01-happy');
    const missing = await sandbox.post(ACCOUNT_PATH, { AccountNumber: account.number });
    expect([missing.status, missing.body.Response.Error.Code]).toEqual([400, 'InvalidParameter']);
    const mistyped = await sandbox.post(ACCOUNT_PATH, { AccountNumber: Number(account.number.slice(0, 12)), AccountName: account.givenName });
    expect([mistyped.status, mistyped.body.Response.Error.Code]).toEqual([400, 'InvalidParameter']);
    const extra = await sandbox.post(ACCOUNT_PATH, { ...accountRequest(account), IdCard: fixtures.person('p01-happy').idNumber });
    expect([extra.status, extra.body.Response.Error.Code]).toEqual([400, 'UnknownParameter']);
    for (const answer of [missing, mistyped, extra]) {
      expect(answer.text).not.toContain(account.number);
      expect(answer.text).not.toContain(account.givenName);
    }
  });

  it('gives every fixture account the outcome identities.json promises', async () => {
    expect(fixtures.accounts.length).toBeGreaterThanOrEqual(10);
    for (const account of fixtures.accounts) {
      const answer = await answerFor(accountRequest(account));
      expect([account.key, answer.Result, answer.Billed]).toEqual([account.key, account.expected.result, account.expected.billed]);
    }
  });
});
