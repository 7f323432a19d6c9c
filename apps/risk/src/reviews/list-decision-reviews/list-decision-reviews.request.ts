import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ListDecisionReviewsRequest } from '#contracts/risk';
import { REVIEW_STATUSES } from '../decision-review.js';

export class ListDecisionReviewsRequestDto implements ListDecisionReviewsRequest {
  @IsOptional()
  @IsIn(REVIEW_STATUSES)
  status?: string;

  @IsInt()
  @Min(0)
  @Max(500)
  limit: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
