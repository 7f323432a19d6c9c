import type { FixtureAccountJson } from '../fixtures/fixture-types.js';
import type { SandboxFixtures } from '../fixtures/load-sandbox-fixtures.js';

/** The settlement-account verifier's view: which accounts exist, and the holder name each bank holds. */
export class AccountRegistry {
  private constructor(private readonly accounts: ReadonlyMap<string, FixtureAccountJson & { holderName: string }>) {}

  static fromFixtures(fixtures: SandboxFixtures): AccountRegistry {
    const known = fixtures.accounts.filter((account): account is FixtureAccountJson & { holderName: string } => account.holderName !== null);
    return new AccountRegistry(new Map(known.map((account) => [account.number, account])));
  }

  /** The account with exactly this number (no normalisation, as a bank's lookup). */
  find(accountNumber: string): { holderName: string } | undefined {
    return this.accounts.get(accountNumber);
  }
}
