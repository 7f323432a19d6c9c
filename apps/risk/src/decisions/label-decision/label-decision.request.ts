import { Type } from 'class-transformer';
import { IsDefined, IsIn, Matches, ValidateNested } from 'class-validator';
import type { LabelDecisionRequest } from '#contracts/risk';
import { CallerDto } from '../../shared/caller.request.js';
import { LABELS } from '../decision-record.js';
import { DECISION_ID } from '../decision-id.js';

export class LabelDecisionRequestDto implements LabelDecisionRequest {
  @IsDefined()
  @ValidateNested()
  @Type(() => CallerDto)
  caller: CallerDto;

  @Matches(DECISION_ID, { message: 'decision_id must be a decision id' })
  decisionId: string;

  @IsIn(LABELS)
  label: string;
}
