import type { DecisionReview } from '#contracts/risk';
import type { DecisionReviewView } from './decision-review.dto.js';

export function toDecisionReviewView(review: DecisionReview): DecisionReviewView {
  return {
    id: review.id,
    decision_id: review.decisionId,
    status: review.status,
    requested_at: review.requestedAt,
    resolved_at: review.resolvedAt ?? null,
    resolved_by: review.resolvedBy ?? null,
    outcome: review.outcome ?? null,
    note: review.note ?? null,
  };
}
