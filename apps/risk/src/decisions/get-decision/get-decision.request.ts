import { Type } from 'class-transformer';
import { IsDefined, Matches, ValidateNested } from 'class-validator';
import type { GetDecisionRequest } from '#contracts/risk';
import { CallerDto } from '../../shared/caller.request.js';
import { DECISION_ID } from '../decision-id.js';

export class GetDecisionRequestDto implements GetDecisionRequest {
  @Matches(DECISION_ID, { message: 'decision_id must be a decision id' })
  decisionId: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => CallerDto)
  caller: CallerDto;
}
