import type { ListAuditEntriesRequest } from '#contracts/privacy';
import { AUDIT_TYPES } from '#libs/audit';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsSubjectId } from '../../consents/subject-id.js';

export class ListAuditEntriesRequestDto implements ListAuditEntriesRequest {
  @IsOptional()
  @IsSubjectId()
  subjectId?: string;

  @IsOptional()
  @IsIn(AUDIT_TYPES)
  type?: string;

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
  @MaxLength(512)
  cursor?: string;
}
