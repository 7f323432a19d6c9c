import type { BacktestRulesetResponse, LabelMetrics, OutcomeCounts, Ruleset } from '#contracts/risk';
import type { BacktestView, LabelMetricsView, OutcomeCountsView, RulesetView } from './ruleset.dto.js';

export function toRulesetView(ruleset: Ruleset): RulesetView {
  return {
    version: ruleset.version,
    state: ruleset.state,
    description: ruleset.description,
    review_threshold: ruleset.reviewThreshold,
    deny_threshold: ruleset.denyThreshold,
    rules: ruleset.rules.map((rule) => ({
      id: rule.id,
      reason_code: rule.reasonCode,
      description: rule.description,
      expression: rule.expression,
      score: rule.score,
      outcome: rule.outcome ?? null,
    })),
    created_by: ruleset.createdBy,
    created_at: ruleset.createdAt,
    published_at: ruleset.publishedAt ?? null,
    shadowed_at: ruleset.shadowedAt ?? null,
    based_on: ruleset.basedOn ?? null,
  };
}

const counts = (value: OutcomeCounts | undefined): OutcomeCountsView => ({ allow: value?.allow ?? 0, review: value?.review ?? 0, deny: value?.deny ?? 0 });

const metrics = (value: LabelMetrics | undefined): LabelMetricsView => ({
  true_positives: value?.truePositives ?? 0,
  false_positives: value?.falsePositives ?? 0,
  false_negatives: value?.falseNegatives ?? 0,
  true_negatives: value?.trueNegatives ?? 0,
  precision: value?.precision ?? null,
  recall: value?.recall ?? null,
});

export function toBacktestView(report: BacktestRulesetResponse): BacktestView {
  return {
    version: report.version,
    from: report.from,
    to: report.to,
    evaluated: report.evaluated,
    truncated: report.truncated,
    changed: report.changed,
    transitions: report.transitions.map((transition) => ({ from: transition.from, to: transition.to, count: transition.count })),
    candidate_outcomes: counts(report.candidateOutcomes),
    recorded_outcomes: counts(report.recordedOutcomes),
    labelled: report.labelled,
    candidate_metrics: metrics(report.candidateMetrics),
    recorded_metrics: metrics(report.recordedMetrics),
    rule_hits: report.ruleHits.map((rule) => ({ rule_id: rule.ruleId, hits: rule.hits, errors: rule.errors })),
  };
}
