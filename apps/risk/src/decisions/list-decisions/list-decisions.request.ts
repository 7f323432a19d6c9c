import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import type { ListDecisionsRequest } from '#contracts/risk';
import { EVENT_TYPES } from '../../shared/event-type.js';
import { OUTCOMES } from '../../shared/outcome.js';

export class ListDecisionsRequestDto implements ListDecisionsRequest {
  @IsOptional()
  @IsString()
  @Length(1, 128)
  subjectId?: string;

  @IsOptional()
  @IsString()
  @Length(1, 64)
  deviceId?: string;

  @IsOptional()
  @IsIn(OUTCOMES)
  decision?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  minScore?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  maxScore?: number;

  @IsOptional()
  @IsIn(EVENT_TYPES)
  eventType?: string;

  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{1,63}$/)
  rule?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @IsInt()
  @Min(0)
  @Max(500)
  limit: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
