/**
 * Result codes of the settlement-account check (numbered like the other
 * Tencent-style checks), and which ones are billed: an answer about a known
 * account is billed, "no such account" is not.
 */
export const BANK_ACCOUNT_RESULTS = {
  '0': { description: '账户名与账号一致', billed: true },
  '-1': { description: '账户名与账号不一致', billed: true },
  '-9': { description: '无此账户', billed: false },
} as const;

export type BankAccountResult = keyof typeof BANK_ACCOUNT_RESULTS;

export interface BankAccountVerificationAnswer {
  Result: BankAccountResult;
  Description: string;
  Billed: boolean;
}

export function bankAccountAnswer(result: BankAccountResult): BankAccountVerificationAnswer {
  const { description, billed } = BANK_ACCOUNT_RESULTS[result];
  return { Result: result, Description: description, Billed: billed };
}
