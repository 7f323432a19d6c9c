import type { FixtureCardJson } from '../fixtures/fixture-types.js';
import type { SandboxFixtures } from '../fixtures/load-sandbox-fixtures.js';

/** The card network's view of issued cards: holder, reserved phone and status. */
export class CardNetwork {
  private constructor(private readonly cards: ReadonlyMap<string, FixtureCardJson>) {}

  static fromFixtures(fixtures: SandboxFixtures): CardNetwork {
    return new CardNetwork(new Map(fixtures.cards.map((card) => [card.number, card])));
  }

  find(cardNumber: string): FixtureCardJson | undefined {
    return this.cards.get(cardNumber);
  }
}
