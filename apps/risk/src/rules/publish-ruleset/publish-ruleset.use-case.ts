import { Injectable } from '@nestjs/common';
import { auditActorOf, type Caller } from '../../shared/caller.js';
import { ActiveRulesets } from '../active-rulesets.js';
import type { StoredRuleset } from '../ruleset.js';
import { RulesetRepository } from '../ruleset.repository.js';

@Injectable()
export class PublishRulesetUseCase {
  constructor(
    private readonly rulesets: RulesetRepository,
    private readonly active: ActiveRulesets,
  ) {}

  /** Every instance picks the new live version up at its next refresh (RISK_RULESET_REFRESH_MS); this one at once. */
  async execute(caller: Caller, version: number): Promise<StoredRuleset> {
    const published = await this.rulesets.publish(version, caller.subjectId, (previousLive) => ({
      type: 'RULESET_PUBLISHED',
      actor: auditActorOf(caller),
      payload: { version, previous_version: previousLive ?? null },
    }));
    await this.active.refresh();
    return published;
  }
}
