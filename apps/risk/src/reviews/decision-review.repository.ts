import type { AuditRecord } from '#libs/audit';
import type { TimeCursor } from '../shared/cursor.js';
import type { DecisionReview, ReviewOutcome, ReviewStatus } from './decision-review.js';

export interface ReviewRequest {
  /** The new review's id, used only if this request creates it. */
  id: string;
  decisionId: string;
  subjectId: string;
  requestId: string;
  at: Date;
}

export type ReviewRequestResult =
  | { status: 'CREATED' | 'EXISTING'; review: DecisionReview }
  /** The request id already asked for a review of another decision. */
  | { status: 'CONFLICT' }
  /** The decision is not (or no longer) the subject's to have reviewed: restricted, anonymised, or someone else's. */
  | { status: 'DECISION_NOT_FOUND' };

export interface ReviewResolution {
  id: string;
  outcome: ReviewOutcome;
  note: string;
  resolvedBy: string;
  at: Date;
}

export type ReviewResolutionResult = { status: 'RESOLVED'; review: DecisionReview } | { status: 'NOT_FOUND' | 'ALREADY_RESOLVED' };

/**
 * Port: the human-review queue. Reviews of a restricted decision are
 * restricted with it (out of the queue); those of an anonymised decision
 * are deleted with its link to the subject.
 */
export abstract class DecisionReviewRepository {
  /**
   * In one transaction: checks the decision is the subject's and usable,
   * creates the review with its audit entry, or returns the one this request
   * id already created (its audit entry is not written again).
   */
  abstract request(request: ReviewRequest, audit: (review: DecisionReview) => AuditRecord): Promise<ReviewRequestResult>;

  /** The newest review of a decision, if any was requested. */
  abstract latestFor(decisionId: string): Promise<DecisionReview | undefined>;

  /** Unrestricted reviews, oldest request first, strictly after the cursor. */
  abstract list(status: ReviewStatus | undefined, limit: number, after?: TimeCursor): Promise<DecisionReview[]>;

  /** Resolves an open, unrestricted review and writes its audit entry in one transaction. */
  abstract resolve(resolution: ReviewResolution, audit: (review: DecisionReview) => AuditRecord): Promise<ReviewResolutionResult>;
}
