import type { DecisionReview, ReviewOutcome, ReviewStatus } from '../../reviews/decision-review.js';

export interface ReviewRow {
  id: string;
  decision_id: string;
  subject_id: string;
  request_id: string;
  status: ReviewStatus;
  requested_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
  outcome: ReviewOutcome | null;
  note: string | null;
}

export const REVIEW_COLUMNS = 'id, decision_id, subject_id, request_id, status, requested_at, resolved_at, resolved_by, outcome, note';

export function toReview(row: ReviewRow): DecisionReview {
  return {
    id: row.id,
    decisionId: row.decision_id,
    subjectId: row.subject_id,
    requestId: row.request_id,
    status: row.status,
    requestedAt: row.requested_at,
    ...(row.resolved_at ? { resolvedAt: row.resolved_at } : {}),
    ...(row.resolved_by ? { resolvedBy: row.resolved_by } : {}),
    ...(row.outcome ? { outcome: row.outcome } : {}),
    ...(row.note !== null ? { note: row.note } : {}),
  };
}
