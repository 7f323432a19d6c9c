import { Injectable } from '@nestjs/common';
import { DomainError, type FieldViolation } from '#libs/errors';
import { auditActorOf, type Caller } from '../../shared/caller.js';
import { compileRuleset } from '../compiled-ruleset.js';
import type { RulesetDocument, StoredRuleset } from '../ruleset.js';
import { RulesetRepository } from '../ruleset.repository.js';

@Injectable()
export class CreateRulesetUseCase {
  constructor(private readonly rulesets: RulesetRepository) {}

  /** A draft is stored only if every rule compiles: invalid CEL is refused here, naming the rule, not discovered in production. */
  async execute(caller: Caller, document: RulesetDocument, basedOn: number | undefined): Promise<StoredRuleset> {
    const violations: FieldViolation[] = [];
    if (document.denyThreshold <= document.reviewThreshold) {
      violations.push({ field: 'deny_threshold', code: 'THRESHOLD_ORDER', message: 'deny_threshold must be greater than review_threshold' });
    }
    const seen = new Set<string>();
    document.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) violations.push({ field: `rules[${index}].id`, code: 'DUPLICATE_RULE_ID', message: `rule '${rule.id}' appears twice` });
      seen.add(rule.id);
    });
    const compilation = compileRuleset(0, document);
    if (!compilation.ok) violations.push(...compilation.violations);
    if (violations.length > 0) throw new DomainError('RULESET_INVALID', 'The ruleset is invalid', violations);
    if (basedOn !== undefined && !(await this.rulesets.findByVersion(basedOn)))
      throw new DomainError('RULESET_NOT_FOUND', 'The based_on version does not exist');

    return this.rulesets.create(document, caller.subjectId, basedOn, (version) => ({
      type: 'RULESET_CREATED',
      actor: auditActorOf(caller),
      payload: {
        version,
        rules: document.rules.length,
        review_threshold: document.reviewThreshold,
        deny_threshold: document.denyThreshold,
        based_on: basedOn ?? null,
      },
    }));
  }
}
