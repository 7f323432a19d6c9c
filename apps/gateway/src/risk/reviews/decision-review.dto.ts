import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';

export const REVIEW_STATUSES = ['OPEN', 'RESOLVED'] as const;
export const REVIEW_OUTCOMES = ['UPHELD', 'OVERTURNED'] as const;

export class DecisionReviewQueryDto {
  @ApiPropertyOptional({ enum: REVIEW_STATUSES, description: 'Both when absent.' }) @IsOptional() @IsIn(REVIEW_STATUSES) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class DecisionReviewIdParam {
  @IsUUID()
  id: string;
}

export class ResolveReviewDto {
  @ApiProperty({ enum: REVIEW_OUTCOMES, description: 'UPHELD keeps the automated decision; OVERTURNED reverses it.' })
  @IsIn(REVIEW_OUTCOMES)
  outcome: string;

  @ApiProperty({ description: 'Why; kept with the review and shown to staff, never in the audit log. Must not contain personal data.' })
  @IsString()
  @Length(1, 1000)
  note: string;
}

export class DecisionReviewView {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The decision to review: GET /v1/analyst/decisions/{decision_id}.' }) decision_id: string;
  @ApiProperty({ enum: REVIEW_STATUSES }) status: string;
  @ApiProperty() requested_at: string;
  @ApiProperty({ nullable: true, type: String }) resolved_at: string | null;
  @ApiProperty({ nullable: true, type: String }) resolved_by: string | null;
  @ApiProperty({ enum: REVIEW_OUTCOMES, nullable: true, type: String }) outcome: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class DecisionReviewPageView {
  @ApiProperty({ type: [DecisionReviewView] }) items: DecisionReviewView[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
}
