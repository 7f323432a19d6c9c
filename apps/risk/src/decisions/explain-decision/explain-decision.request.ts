import { IsBoolean, IsString, Length, Matches, ValidateIf } from 'class-validator';
import type { ExplainDecisionRequest } from '#contracts/risk';
import { REQUEST_ID } from '../../shared/request-id.js';
import { DECISION_ID } from '../decision-id.js';

export class ExplainDecisionRequestDto implements ExplainDecisionRequest {
  @Matches(DECISION_ID, { message: 'decision_id must be a decision id' })
  decisionId: string;

  @IsString()
  @Length(1, 128)
  subjectId: string;

  @IsBoolean()
  requestHumanReview: boolean;

  /** Required with a review request (idempotency); otherwise empty or a plain id. */
  @ValidateIf((request: ExplainDecisionRequestDto) => request.requestHumanReview || request.requestId !== '')
  @Matches(REQUEST_ID, { message: 'request_id must be a data request id' })
  requestId: string;
}
