import type { ListName } from '../lists/list-names.js';
import { LIST_REASONS } from '../lists/list-names.js';
import { moreSevere, type Outcome } from '../shared/outcome.js';
import type { RuleRun } from './cel/compile-expression.js';
import type { RulesetDocument } from './ruleset.js';

export interface Reason {
  code: string;
  description: string;
}

export interface Verdict {
  score: number;
  outcome: Outcome;
  reasons: Reason[];
  /** Ids of the rules that hit, in ruleset order. */
  hitRules: string[];
  /** What settled the outcome, for explanations. */
  decidedBy: 'list' | 'forced_rule' | 'threshold';
}

function thresholdOutcome(score: number, document: RulesetDocument): Outcome {
  if (score >= document.denyThreshold) return 'DENY';
  if (score >= document.reviewThreshold) return 'REVIEW';
  return 'ALLOW';
}

/**
 * Score and outcome of one ruleset run. Precedence, strongest first:
 * 1. an ID number or card on a block list: DENY (about the person or the instrument; no device is trusted with it);
 * 2. the device on the allow list: ALLOW, overriding the rules and the device and IP block lists;
 * 3. the device or IP on a block list: DENY;
 * 4. a rule forcing DENY; then a rule forcing ALLOW; then the thresholds, raised to REVIEW by a rule forcing it.
 * The score is always the rules' score, clamped to 0..100; errored rules add nothing.
 */
export function decide(document: RulesetDocument, runs: readonly RuleRun[], lists: Readonly<Record<ListName, boolean>>): Verdict {
  const hits = document.rules.filter((_, index) => runs[index]?.result === 'HIT');
  const score = Math.max(
    0,
    Math.min(
      100,
      hits.reduce((sum, rule) => sum + rule.score, 0),
    ),
  );
  const forced = (outcome: Outcome): boolean => hits.some((rule) => rule.outcome === outcome);

  let outcome: Outcome;
  let decidedBy: Verdict['decidedBy'];
  if (lists.id_block || lists.card_block) [outcome, decidedBy] = ['DENY', 'list'];
  else if (lists.device_allow) [outcome, decidedBy] = ['ALLOW', 'list'];
  else if (lists.device_block || lists.ip_block) [outcome, decidedBy] = ['DENY', 'list'];
  else if (forced('DENY')) [outcome, decidedBy] = ['DENY', 'forced_rule'];
  else if (forced('ALLOW')) [outcome, decidedBy] = ['ALLOW', 'forced_rule'];
  else {
    const byScore = thresholdOutcome(score, document);
    outcome = forced('REVIEW') ? moreSevere(byScore, 'REVIEW') : byScore;
    decidedBy = outcome !== byScore ? 'forced_rule' : 'threshold';
  }

  const listReasons = (Object.keys(LIST_REASONS) as ListName[]).filter((list) => lists[list]).map((list) => LIST_REASONS[list]);
  const ruleReasons = [...hits]
    .sort((a, b) => Number(b.outcome !== undefined) - Number(a.outcome !== undefined) || b.score - a.score)
    .map((rule) => ({ code: rule.reasonCode, description: rule.description }));
  return { score, outcome, reasons: [...listReasons, ...ruleReasons], hitRules: hits.map((rule) => rule.id), decidedBy };
}
