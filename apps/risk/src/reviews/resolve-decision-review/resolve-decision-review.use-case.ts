import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { findPlaintextPii } from '#libs/pii';
import { auditActorOf, type Caller } from '../../shared/caller.js';
import { Clock } from '../../shared/clock.js';
import type { DecisionReview, ReviewOutcome } from '../decision-review.js';
import { DecisionReviewRepository } from '../decision-review.repository.js';

/**
 * An analyst closes a review: the decision is UPHELD or OVERTURNED, with a
 * note. Audited (DECISION_REVIEW_RESOLVED); the note stays here, never in
 * the audit log. A review is resolved once.
 */
@Injectable()
export class ResolveDecisionReviewUseCase {
  constructor(
    private readonly reviews: DecisionReviewRepository,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, id: string, outcome: ReviewOutcome, note: string): Promise<DecisionReview> {
    // Free text that reaches staff screens and the subject's answer: refuse personal data in it.
    if (findPlaintextPii(note).length > 0) {
      throw new DomainError('VALIDATION_FAILED', 'The note must not contain personal data', [
        { field: 'note', code: 'CONTAINS_PERSONAL_DATA', message: 'note must not contain ID numbers, cards, phone numbers or e-mail addresses' },
      ]);
    }
    const result = await this.reviews.resolve({ id, outcome, note, resolvedBy: caller.subjectId, at: this.clock.now() }, (review) => ({
      type: 'DECISION_REVIEW_RESOLVED',
      actor: auditActorOf(caller),
      subjectId: review.subjectId,
      payload: { review_id: review.id, decision_id: review.decisionId, outcome },
    }));
    if (result.status !== 'RESOLVED')
      throw result.status === 'NOT_FOUND'
        ? new DomainError('REVIEW_NOT_FOUND', 'No such review')
        : new DomainError('REVIEW_ALREADY_RESOLVED', 'This review was already resolved');
    return result.review;
  }
}
