import type { DecisionSummary, GetDecisionResponse, ListDecisionsRequest, MaskedSnapshot, RuleResult } from '#contracts/risk';
import type { DecisionDetailView, DecisionQueryDto, DecisionView, MaskedSnapshotView, RuleResultView } from './decision.dto.js';

export function toListDecisionsRequest(query: DecisionQueryDto): ListDecisionsRequest {
  return {
    subjectId: query.subject_id,
    deviceId: query.device_id,
    decision: query.decision,
    minScore: query.min_score,
    maxScore: query.max_score,
    eventType: query.event_type,
    rule: query.rule,
    from: query.from,
    to: query.to,
    limit: query.limit ?? 0,
    cursor: query.cursor,
  };
}

export function toDecisionView(decision: DecisionSummary): DecisionView {
  return {
    id: decision.id,
    occurred_at: decision.occurredAt,
    event_type: decision.eventType,
    subject_id: decision.subjectId,
    merchant_id: decision.merchantId ?? null,
    device_id: decision.deviceId,
    ip: decision.ip,
    score: decision.score,
    decision: decision.decision,
    reasons: decision.reasons.map((reason) => ({ code: reason.code, description: reason.description })),
    hit_rules: decision.hitRules,
    ruleset_version: decision.rulesetVersion,
    shadow:
      decision.shadowRulesetVersion !== undefined && decision.shadowRulesetVersion !== null && decision.shadowDecision
        ? { ruleset_version: decision.shadowRulesetVersion, score: decision.shadowScore ?? 0, decision: decision.shadowDecision }
        : null,
    label: decision.label ?? null,
  };
}

function toRuleResultView(result: RuleResult): RuleResultView {
  return {
    rule_id: result.ruleId,
    reason_code: result.reasonCode,
    description: result.description,
    result: result.result,
    score: result.score,
    outcome: result.outcome ?? null,
    error: result.error ?? null,
  };
}

function toMaskedView(masked: MaskedSnapshot | undefined): MaskedSnapshotView {
  const view: MaskedSnapshotView = {};
  if (!masked) return view;
  const fields: Array<[keyof MaskedSnapshotView, string | undefined]> = [
    ['id_number', masked.idNumber],
    ['card_number', masked.cardNumber],
    ['phone', masked.phone],
    ['app_instance_id', masked.appInstanceId],
    ['oaid', masked.oaid],
    ['idfv', masked.idfv],
    ['android_id', masked.androidId],
    ['imei', masked.imei],
    ['gps', masked.gps],
  ];
  for (const [key, value] of fields) if (value) view[key] = value;
  return view;
}

export function toDecisionDetailView(response: GetDecisionResponse): DecisionDetailView {
  const device = response.device!;
  return {
    ...toDecisionView(response.decision!),
    features: JSON.parse(response.featuresJson) as Record<string, unknown>,
    signals: JSON.parse(response.signalsJson) as Record<string, unknown>,
    rule_results: response.ruleResults.map(toRuleResultView),
    shadow_rule_results: response.shadowRuleResults.map(toRuleResultView),
    explanation: response.explanation,
    device: {
      device_id: device.deviceId,
      id_kind: device.idKind,
      confidence: device.confidence,
      fingerprint_version: device.fingerprintVersion,
      hard_id_changed: device.hardIdChanged,
    },
    masked: toMaskedView(response.masked),
    labelled_by: response.labelledBy ?? null,
    labelled_at: response.labelledAt ?? null,
  };
}
