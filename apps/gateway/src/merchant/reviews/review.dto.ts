import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class ReasonDto {
  @ApiProperty({ example: 'store.photo_document_id', description: 'A form field path (group.field, beneficial_owners[0].field) or `application`' })
  @IsString()
  @MaxLength(100)
  field: string;

  @ApiProperty({
    example: 'The storefront photo does not show the shop sign',
    description: 'No personal data: it goes to the merchant, the audit log and the webhook',
  })
  @IsString()
  @MaxLength(500)
  reason: string;
}

export class ReasonsDto {
  @ApiProperty({ type: [ReasonDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ReasonDto)
  reasons: ReasonDto[];
}

export class OptionalReasonsDto {
  @ApiPropertyOptional({ type: [ReasonDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ReasonDto)
  reasons?: ReasonDto[];
}

export const STATUSES = ['DRAFT', 'SUBMITTED', 'IN_REVIEW', 'NEEDS_INFO', 'APPROVED', 'REJECTED', 'ACTIVE', 'SUSPENDED', 'CLOSED'] as const;

export class QueueQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, default: 'IN_REVIEW' }) @IsOptional() @IsIn(STATUSES) status?: string;
  @ApiPropertyOptional({ enum: ['ONBOARDING', 'UPGRADE'] }) @IsOptional() @IsIn(['ONBOARDING', 'UPGRADE']) kind?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(512) cursor?: string;
}
