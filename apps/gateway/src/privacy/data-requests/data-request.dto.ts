import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export const DATA_REQUEST_TYPES = ['ACCESS', 'EXPORT', 'CORRECT', 'DELETE', 'CLOSE_ACCOUNT', 'EXPLAIN'] as const;

export class CreateDataRequestDto {
  @ApiProperty({ enum: DATA_REQUEST_TYPES })
  @IsIn(DATA_REQUEST_TYPES)
  type: string;

  @ApiPropertyOptional({ description: 'CORRECT: phone, email or address (name and id_number need a new verification)' })
  @IsOptional()
  @IsIn(['phone', 'email', 'address', 'name', 'id_number'])
  field?: string;

  @ApiPropertyOptional({ description: 'CORRECT: the new value' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  value?: string;

  @ApiPropertyOptional({ description: 'EXPLAIN: the decision to explain' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,64}$/)
  decision_id?: string;

  @ApiPropertyOptional({ description: 'EXPLAIN: also ask for a human to review the decision' })
  @IsOptional()
  @IsBoolean()
  request_human_review?: boolean;
}

export class DataRequestIdParam {
  @IsUUID()
  id: string;
}

export class DataRequestStepView {
  @ApiProperty() target: string;
  @ApiProperty() action: string;
  @ApiProperty({ enum: ['PENDING', 'DONE', 'FAILING'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional() last_error?: string;
}

export class DataRequestView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: DATA_REQUEST_TYPES }) type: string;
  @ApiProperty({ enum: ['RECEIVED', 'IN_PROGRESS', 'COMPLETED', 'REFUSED'] }) status: string;
  @ApiProperty() received_at: string;
  @ApiProperty({ description: '15 working days after receipt (China public holidays excluded)' }) due_at: string;
  @ApiPropertyOptional() completed_at?: string;
  @ApiPropertyOptional({ description: 'Why it was refused (PIPL art. 50)' }) refusal_reason?: string;
  @ApiProperty({ type: [DataRequestStepView] }) steps: DataRequestStepView[];
  @ApiPropertyOptional({
    description: 'The answer once completed: the bundle for ACCESS/EXPORT, held data for DELETE/CLOSE_ACCOUNT, the explanation for EXPLAIN',
  })
  result?: unknown;
}

export class DueRequestsQueryDto {
  @ApiPropertyOptional({ enum: ['RECEIVED', 'IN_PROGRESS', 'COMPLETED', 'REFUSED'] })
  @IsOptional()
  @IsIn(['RECEIVED', 'IN_PROGRESS', 'COMPLETED', 'REFUSED'])
  status?: string;

  @ApiPropertyOptional({ description: 'Open requests due within this many days (0 = overdue only)', default: 3 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60)
  due_within_days?: number;

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

export class DataRequestPageView {
  @ApiProperty({ type: [DataRequestView] }) items: DataRequestView[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
}
