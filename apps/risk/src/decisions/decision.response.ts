import type { DecisionSummary as DecisionSummaryMessage } from '#contracts/risk';
import type { DecisionSummary } from './decision-record.js';

export function toDecisionSummaryMessage(decision: DecisionSummary): DecisionSummaryMessage {
  return {
    id: decision.id,
    occurredAt: decision.occurredAt.toISOString(),
    eventType: decision.eventType,
    subjectId: decision.subjectId,
    deviceId: decision.deviceId,
    score: decision.score,
    decision: decision.outcome,
    reasons: decision.reasons,
    rulesetVersion: decision.rulesetVersion,
    shadowRulesetVersion: decision.shadow?.version,
    shadowScore: decision.shadow?.score,
    shadowDecision: decision.shadow?.outcome,
    label: decision.label,
    ip: decision.ip,
    merchantId: decision.merchantId,
    hitRules: decision.hitRules,
  };
}
