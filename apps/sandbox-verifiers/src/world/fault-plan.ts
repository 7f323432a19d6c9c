import type { FixtureBehaviour } from '../fixtures/fixture-types.js';
import type { SandboxFixtures } from '../fixtures/load-sandbox-fixtures.js';

/** ID numbers whose calls always fail, whatever the API: the "unavailable" and "timeout" fixture people. */
export class FaultPlan {
  private constructor(private readonly faults: ReadonlyMap<string, FixtureBehaviour>) {}

  static fromFixtures(fixtures: SandboxFixtures): FaultPlan {
    return new FaultPlan(new Map(fixtures.people.filter((person) => person.behaviour !== 'normal').map((person) => [person.idNumber, person.behaviour])));
  }

  behaviourOf(idNumber: string): FixtureBehaviour {
    return this.faults.get(idNumber) ?? 'normal';
  }
}
