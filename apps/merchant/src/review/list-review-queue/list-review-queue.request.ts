import type { ListReviewQueueRequest } from '#contracts/merchant';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { APPLICATION_STATUSES, type ApplicationKind, type ApplicationStatus } from '../../applications/application.js';

export class ListReviewQueueRequestDto implements ListReviewQueueRequest {
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;

  @IsOptional()
  @IsIn(['ONBOARDING', 'UPGRADE'])
  kind?: ApplicationKind;

  /** 0 means the default (50). */
  @IsInt()
  @Min(0)
  @Max(500)
  limit: number;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}
