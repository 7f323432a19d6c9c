import type { RuleRun } from './cel/compile-expression.js';
import type { RuleDefinition } from './ruleset.js';

const LETTER = { HIT: 'H', NO_HIT: 'N', ERROR: 'E' } as const;

export interface EncodedRuns {
  /** One letter per rule in ruleset order (H hit, N no hit, E error): rulesets are immutable, so the order is stable. */
  outcomes: string;
  /** Error message per rule id, only for rules that errored. */
  errors: Record<string, string> | undefined;
}

/** Compact storage of every rule's result: 25 rules cost 25 bytes per decision instead of a JSON array. */
export function encodeRuns(rules: readonly RuleDefinition[], runs: readonly RuleRun[]): EncodedRuns {
  let outcomes = '';
  let errors: Record<string, string> | undefined;
  runs.forEach((run, index) => {
    outcomes += LETTER[run.result];
    if (run.result === 'ERROR') (errors ??= {})[rules[index]!.id] = run.error;
  });
  return { outcomes, errors };
}

export function decodeRuns(rules: readonly RuleDefinition[], outcomes: string, errors: Record<string, string> | null | undefined): RuleRun[] {
  return rules.map((rule, index) => {
    const letter = outcomes[index];
    if (letter === 'H') return { result: 'HIT' };
    if (letter === 'E') return { result: 'ERROR', error: errors?.[rule.id] ?? 'error' };
    return { result: 'NO_HIT' };
  });
}
