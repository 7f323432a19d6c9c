import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import type { ResolveDecisionReviewRequest } from '#contracts/risk';
import { CallerDto } from '../../shared/caller.request.js';
import { REVIEW_OUTCOMES } from '../decision-review.js';

export class ResolveDecisionReviewRequestDto implements ResolveDecisionReviewRequest {
  @IsDefined()
  @ValidateNested()
  @Type(() => CallerDto)
  caller: CallerDto;

  @IsUUID()
  reviewId: string;

  @IsIn(REVIEW_OUTCOMES)
  outcome: string;

  @IsString()
  @Length(1, 1000)
  note: string;
}
