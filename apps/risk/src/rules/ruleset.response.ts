import type { Rule as RuleMessage, Ruleset as RulesetMessage } from '#contracts/risk';
import type { StoredRuleset } from './ruleset.js';

export function toRulesetMessage(ruleset: StoredRuleset): RulesetMessage {
  return {
    version: ruleset.version,
    state: ruleset.state,
    description: ruleset.description,
    reviewThreshold: ruleset.reviewThreshold,
    denyThreshold: ruleset.denyThreshold,
    rules: ruleset.rules.map((rule): RuleMessage => ({
      id: rule.id,
      reasonCode: rule.reasonCode,
      description: rule.description,
      expression: rule.expression,
      score: rule.score,
      outcome: rule.outcome,
    })),
    createdBy: ruleset.createdBy,
    createdAt: ruleset.createdAt.toISOString(),
    publishedAt: ruleset.publishedAt?.toISOString(),
    shadowedAt: ruleset.shadowedAt?.toISOString(),
    basedOn: ruleset.basedOn,
  };
}
