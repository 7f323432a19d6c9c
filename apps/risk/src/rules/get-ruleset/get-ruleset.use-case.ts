import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import type { StoredRuleset } from '../ruleset.js';
import { RulesetRepository } from '../ruleset.repository.js';

@Injectable()
export class GetRulesetUseCase {
  constructor(private readonly rulesets: RulesetRepository) {}

  async execute(version: number): Promise<StoredRuleset> {
    const found = await this.rulesets.findByVersion(version);
    if (!found) throw new DomainError('RULESET_NOT_FOUND', 'No such ruleset version');
    return found;
  }
}
