import { Type } from 'class-transformer';
import { IsDefined, IsIn, Matches, ValidateNested } from 'class-validator';
import type { ReportOutcomeRequest } from '#contracts/risk';
import { DECISION_ID } from '../../decisions/decision-id.js';
import { CallerDto } from '../../shared/caller.request.js';

export const REPORTABLE_OUTCOMES = ['KYC_FAILED', 'KYC_PASSED'] as const;

export class ReportOutcomeRequestDto implements ReportOutcomeRequest {
  @IsDefined()
  @ValidateNested()
  @Type(() => CallerDto)
  caller: CallerDto;

  @Matches(DECISION_ID, { message: 'decision_id must be a decision id' })
  decisionId: string;

  @IsIn(REPORTABLE_OUTCOMES)
  outcome: string;
}
