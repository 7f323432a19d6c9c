import { Matches } from 'class-validator';
import type { GetDecisionRequest } from '#contracts/risk';
import { DECISION_ID } from '../decision-id.js';

export class GetDecisionRequestDto implements GetDecisionRequest {
  @Matches(DECISION_ID, { message: 'decision_id must be a decision id' })
  decisionId: string;
}
