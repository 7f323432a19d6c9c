import type { AppendAuditEntriesRequest, AuditActor, NewAuditEntry } from '#contracts/privacy';
import { AUDIT_TYPES } from '#libs/audit';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsISO8601, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsSubjectId } from '../../consents/subject-id.js';

export class AuditActorDto implements AuditActor {
  @IsIn(['user', 'staff', 'service', 'system'])
  type: string;

  @Matches(/^[A-Za-z0-9._:@-]{1,128}$/)
  id: string;
}

export class NewAuditEntryDto implements NewAuditEntry {
  @Matches(/^[a-z][a-z0-9-]{0,31}$/)
  source: string;

  @IsString()
  @Length(1, 200)
  sourceId: string;

  @IsIn(AUDIT_TYPES)
  type: string;

  @ValidateNested()
  @Type(() => AuditActorDto)
  actor: AuditActorDto;

  @IsOptional()
  @IsSubjectId()
  subjectId?: string;

  @IsString()
  @MaxLength(16_384)
  payloadJson: string;

  @IsISO8601({ strict: true })
  occurredAt: string;
}

export class AppendAuditEntriesRequestDto implements AppendAuditEntriesRequest {
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => NewAuditEntryDto)
  entries: NewAuditEntryDto[];
}
