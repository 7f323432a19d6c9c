import { Injectable } from '@nestjs/common';
import { auditActorOf, type Caller } from '../../shared/caller.js';
import { ActiveRulesets } from '../active-rulesets.js';
import type { StoredRuleset } from '../ruleset.js';
import { RulesetRepository } from '../ruleset.repository.js';

@Injectable()
export class ShadowRulesetUseCase {
  constructor(
    private readonly rulesets: RulesetRepository,
    private readonly active: ActiveRulesets,
  ) {}

  /** A shadow version runs on live traffic beside the live one and is logged with each decision, never enforced. */
  async execute(caller: Caller, version: number): Promise<StoredRuleset> {
    const shadowed = await this.rulesets.shadow(version, caller.subjectId, (previousShadow) => ({
      type: 'RULESET_SHADOWED',
      actor: auditActorOf(caller),
      payload: { version, previous_shadow_version: previousShadow ?? null },
    }));
    await this.active.refresh();
    return shadowed;
  }
}
