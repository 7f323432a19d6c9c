export const REVIEW_STATUSES = ['OPEN', 'RESOLVED'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REVIEW_OUTCOMES = ['UPHELD', 'OVERTURNED'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** A data subject's request for a person to review an automated decision about them (PIPL art. 24(3)). */
export interface DecisionReview {
  id: string;
  decisionId: string;
  subjectId: string;
  /** The privacy service's data-request id: one review per request. */
  requestId: string;
  status: ReviewStatus;
  requestedAt: Date;
  resolvedAt?: Date;
  resolvedBy?: string;
  outcome?: ReviewOutcome;
  note?: string;
}
