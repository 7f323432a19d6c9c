import type { DecisionReview as DecisionReviewMessage } from '#contracts/risk';
import type { DecisionReview } from './decision-review.js';

export function toDecisionReviewMessage(review: DecisionReview): DecisionReviewMessage {
  return {
    id: review.id,
    decisionId: review.decisionId,
    status: review.status,
    requestedAt: review.requestedAt.toISOString(),
    resolvedAt: review.resolvedAt?.toISOString(),
    resolvedBy: review.resolvedBy,
    outcome: review.outcome,
    note: review.note,
  };
}
