import { describeFeature } from '../assessment/features/feature-catalog.js';
import type { Features } from '../assessment/features/features.js';
import { LIST_REASONS, type ListName } from '../lists/list-names.js';
import type { Outcome } from '../shared/outcome.js';
import type { FeatureRef, RuleRun } from './cel/compile-expression.js';
import type { CompiledRuleset } from './compiled-ruleset.js';

export interface ExplanationInput {
  outcome: Outcome;
  score: number;
  ruleset: CompiledRuleset;
  runs: readonly RuleRun[];
  features: Features;
  shadow?: { version: number; outcome: Outcome; score: number };
}

const VERB: Record<Outcome, string> = { ALLOW: 'allowed', REVIEW: 'sent to manual review', DENY: 'denied' };

function valueOf(features: Features, ref: FeatureRef): unknown {
  if (ref.namespace === 'velocity') {
    const counts = (features.velocity as Record<string, Record<string, number> | undefined>)[ref.field];
    return ref.window ? counts?.[ref.window] : undefined;
  }
  return (features as unknown as Record<string, Record<string, unknown> | undefined>)[ref.namespace]?.[ref.field];
}

function show(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  if (value === '' || value === undefined) return 'unknown';
  return String(value);
}

function observed(features: Features, references: readonly FeatureRef[]): string {
  const parts = references.map((ref) => `${describeFeature(ref.namespace, ref.field, ref.window)} = ${show(valueOf(features, ref))}`);
  return parts.length ? ` Observed: ${parts.join('; ')}.` : '';
}

function listLines(features: Features): string[] {
  return (Object.keys(LIST_REASONS) as ListName[]).filter((list) => features.lists[list]).map((list) => LIST_REASONS[list].description);
}

/** The analyst's explanation: outcome, thresholds, every hit with the values that triggered it, lists, errors and the shadow result. */
export function explainForAnalyst(input: ExplanationInput): string[] {
  const { ruleset, runs, features } = input;
  const doc = ruleset.document;
  const lines = [
    `The event was ${VERB[input.outcome]} with a risk score of ${input.score} out of 100 under ruleset version ${ruleset.version} (review from ${doc.reviewThreshold}, deny from ${doc.denyThreshold}).`,
  ];
  const lists = listLines(features);
  if (lists.length) lines.push(...lists.map((line) => `List: ${line}`));
  let hits = 0;
  ruleset.rules.forEach((rule, index) => {
    const run = runs[index];
    if (run?.result === 'HIT') {
      hits++;
      const { score, outcome } = rule.definition;
      const effect = `${score >= 0 ? '+' : ''}${score} points${outcome ? `, forces ${outcome}` : ''}`;
      lines.push(`${rule.definition.description} (${effect}).${observed(features, rule.references)}`);
    }
  });
  if (hits === 0) lines.push('No rule matched.');
  ruleset.rules.forEach((rule, index) => {
    const run = runs[index];
    if (run?.result === 'ERROR') lines.push(`Rule '${rule.definition.id}' could not be evaluated (${run.error}); it did not count towards the score.`);
  });
  if (input.shadow) {
    lines.push(
      `Shadow ruleset version ${input.shadow.version} would have ${VERB[input.shadow.outcome]} it with a score of ${input.shadow.score} (not enforced).`,
    );
  }
  return lines;
}

/** The data subject's explanation (PIPL art. 24): what was decided and the main reasons, without the internal scoring. */
export function explainForSubject(input: Pick<ExplanationInput, 'outcome' | 'features'> & { reasons: Array<{ description: string }> }): string[] {
  const lines = [`An automated risk check ${VERB[input.outcome]} this request.`];
  if (input.reasons.length === 0) lines.push('No risk signal was found.');
  else lines.push('The main reasons were:', ...input.reasons.map((reason) => `- ${reason.description}`));
  if (input.outcome !== 'ALLOW') lines.push('You may ask for the decision to be reviewed by a person and explain your circumstances.');
  return lines;
}
