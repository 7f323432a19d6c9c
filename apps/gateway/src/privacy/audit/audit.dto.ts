import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_TYPES } from '#libs/audit';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class AuditQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:@-]{1,128}$/)
  subject_id?: string;

  @ApiPropertyOptional({ enum: AUDIT_TYPES })
  @IsOptional()
  @IsIn(AUDIT_TYPES)
  type?: string;

  @ApiPropertyOptional({ description: 'RFC 3339, inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'RFC 3339, exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export class AuditEntryView {
  @ApiProperty() seq: string;
  @ApiProperty() type: string;
  @ApiProperty() source: string;
  @ApiProperty() source_id: string;
  @ApiProperty() actor: { type: string; id: string };
  @ApiPropertyOptional({ description: 'Keyed hash of the subject id' }) subject_ref?: string;
  @ApiProperty({ description: 'Field names, masked values and blind indexes' }) payload: Record<string, unknown>;
  @ApiProperty() occurred_at: string;
  @ApiProperty() leaf_hash: string;
}

export class AuditPageView {
  @ApiProperty({ type: [AuditEntryView] }) items: AuditEntryView[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
}

export class VerificationView {
  @ApiProperty() ok: boolean;
  @ApiProperty() checked: number;
  @ApiProperty({ nullable: true, type: Number }) first_bad_seq: number | null;
  @ApiPropertyOptional() problem?: string;
  @ApiProperty() checkpoints_checked: number;
}

export class CheckpointView {
  @ApiProperty() tree_size: number;
  @ApiProperty() root_hash: string;
  @ApiProperty() signed_at: string;
  @ApiProperty() key_id: string;
  @ApiProperty() signature: string;
  @ApiProperty() signed_text: string;
}

export class CheckpointExportView {
  @ApiProperty({ type: [CheckpointView] }) checkpoints: CheckpointView[];
  @ApiProperty() public_key_pem: string;
}
