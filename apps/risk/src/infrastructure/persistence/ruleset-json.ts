import type { Outcome } from '../../shared/outcome.js';
import type { RuleDefinition } from '../../rules/ruleset.js';

/** How a rule is stored in `rulesets.rules` (jsonb, snake_case like the rest of the schema). */
export interface StoredRuleJson {
  id: string;
  reason_code: string;
  description: string;
  expression: string;
  score: number;
  outcome?: Outcome;
}

export function rulesToJson(rules: readonly RuleDefinition[]): StoredRuleJson[] {
  return rules.map((rule) => ({
    id: rule.id,
    reason_code: rule.reasonCode,
    description: rule.description,
    expression: rule.expression,
    score: rule.score,
    ...(rule.outcome ? { outcome: rule.outcome } : {}),
  }));
}

export function rulesFromJson(rules: readonly StoredRuleJson[]): RuleDefinition[] {
  return rules.map((rule) => ({
    id: rule.id,
    reasonCode: rule.reason_code,
    description: rule.description,
    expression: rule.expression,
    score: rule.score,
    ...(rule.outcome ? { outcome: rule.outcome } : {}),
  }));
}
