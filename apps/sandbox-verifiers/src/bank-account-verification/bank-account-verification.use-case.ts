import { Injectable } from '@nestjs/common';
import { AccountRegistry } from '../world/account-registry.js';
import type { BankAccountVerificationRequest } from './bank-account-verification.request.js';
import { bankAccountAnswer, type BankAccountVerificationAnswer } from './bank-account-verification.results.js';

/**
 * The account verifier's two-element check: does this account exist, and is
 * it held under this name? Names are compared exactly, as the bank holds
 * them: a company's registered name, or a person's authority name.
 */
@Injectable()
export class BankAccountVerificationUseCase {
  constructor(private readonly accounts: AccountRegistry) {}

  execute(request: BankAccountVerificationRequest): BankAccountVerificationAnswer {
    const account = this.accounts.find(request.AccountNumber);
    if (!account) return bankAccountAnswer('-9');
    return bankAccountAnswer(account.holderName === request.AccountName ? '0' : '-1');
  }
}
