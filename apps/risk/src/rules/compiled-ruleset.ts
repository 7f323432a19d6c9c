import type { FieldViolation } from '#libs/errors';
import type { RuleBindings } from './cel/cel-environment.js';
import { compileExpression, type FeatureRef, type RuleRun } from './cel/compile-expression.js';
import type { RuleDefinition, RulesetDocument } from './ruleset.js';

export interface CompiledRule {
  definition: RuleDefinition;
  references: FeatureRef[];
  run(bindings: RuleBindings): RuleRun;
}

/** A ruleset ready to run: compiled once per version per instance. */
export interface CompiledRuleset {
  version: number;
  document: RulesetDocument;
  rules: CompiledRule[];
}

export type RulesetCompilation = { ok: true; ruleset: CompiledRuleset } | { ok: false; violations: FieldViolation[] };

/** Compiles every rule; problems name the rule and its position so the analyst can find it. */
export function compileRuleset(version: number, document: RulesetDocument): RulesetCompilation {
  const violations: FieldViolation[] = [];
  const rules: CompiledRule[] = [];
  document.rules.forEach((definition, index) => {
    const compiled = compileExpression(definition.expression);
    if (compiled.ok) rules.push({ definition, references: compiled.expression.references, run: compiled.expression.run });
    else violations.push({ field: `rules[${index}].expression`, code: compiled.problem.code, message: `rule '${definition.id}': ${compiled.problem.message}` });
  });
  return violations.length > 0 ? { ok: false, violations } : { ok: true, ruleset: { version, document, rules } };
}

/** Every rule's result, in ruleset order. A rule that fails is an ERROR for that rule only. */
export function runRuleset(ruleset: CompiledRuleset, bindings: RuleBindings): RuleRun[] {
  return ruleset.rules.map((rule) => rule.run(bindings));
}
