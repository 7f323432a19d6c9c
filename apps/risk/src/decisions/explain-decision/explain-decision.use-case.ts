import { Injectable } from '@nestjs/common';
import type { ExplainDecisionResponse } from '#contracts/risk';
import { DomainError } from '#libs/errors';
import { DecisionReviewRepository } from '../../reviews/decision-review.repository.js';
import type { DecisionReview } from '../../reviews/decision-review.js';
import { toDecisionReviewMessage } from '../../reviews/decision-review.response.js';
import { explainForSubject } from '../../rules/explain.js';
import { Clock } from '../../shared/clock.js';
import { uuidV7 } from '../../shared/uuid-v7.js';
import { DecisionRepository } from '../decision.repository.js';

export interface ExplainDecisionCommand {
  decisionId: string;
  subjectId: string;
  /** PIPL art. 24(3): the subject may ask for a person to review the decision. */
  requestHumanReview: boolean;
  /** The privacy service's data-request id; required with requestHumanReview. */
  requestId?: string;
}

const notFound = (): DomainError => new DomainError('DECISION_NOT_FOUND', 'No such decision');

/**
 * For the data subject's EXPLAIN request: only their own decisions, and not
 * those restricted under a legal hold or anonymised; anyone else's is
 * indistinguishable from a missing one. With a request for human review, a
 * case lands in the analysts' queue (audited, DECISION_REVIEW_REQUESTED),
 * once per data request however often it is retried.
 */
@Injectable()
export class ExplainDecisionUseCase {
  constructor(
    private readonly decisions: DecisionRepository,
    private readonly reviews: DecisionReviewRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: ExplainDecisionCommand): Promise<ExplainDecisionResponse> {
    const decision = await this.decisions.find(command.decisionId);
    if (!decision || decision.subjectId !== command.subjectId) throw notFound();
    const review = command.requestHumanReview ? await this.requestReview(command, decision.outcome) : await this.reviews.latestFor(decision.id);
    return {
      decisionId: decision.id,
      occurredAt: decision.occurredAt.toISOString(),
      eventType: decision.eventType,
      decision: decision.outcome,
      reasons: decision.reasons,
      explanation: explainForSubject({ outcome: decision.outcome, features: decision.features, reasons: decision.reasons }),
      review: review ? toDecisionReviewMessage(review) : undefined,
    };
  }

  private async requestReview(command: ExplainDecisionCommand, outcome: string): Promise<DecisionReview> {
    if (!command.requestId) {
      throw new DomainError('VALIDATION_FAILED', 'A request id is needed to ask for a review', [
        { field: 'request_id', code: 'REQUIRED', message: 'request_id is required with request_human_review' },
      ]);
    }
    const at = this.clock.now();
    const result = await this.reviews.request(
      { id: uuidV7(at), decisionId: command.decisionId, subjectId: command.subjectId, requestId: command.requestId, at },
      (review) => ({
        type: 'DECISION_REVIEW_REQUESTED',
        actor: { type: 'user', id: review.subjectId },
        subjectId: review.subjectId,
        payload: { review_id: review.id, decision_id: review.decisionId, data_request_id: review.requestId, decision: outcome },
        occurredAt: review.requestedAt,
      }),
    );
    if (result.status === 'DECISION_NOT_FOUND') throw notFound();
    if (result.status === 'CONFLICT') throw new DomainError('REVIEW_REQUEST_CONFLICT', 'This request id already asked for a review of another decision');
    return result.review;
  }
}
