import type { CreateDataRequestRequest } from '#contracts/privacy';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsSubjectId } from '../../consents/subject-id.js';
import { DATA_REQUEST_TYPES } from '../data-request.js';

export class CreateDataRequestRequestDto implements CreateDataRequestRequest {
  @IsSubjectId()
  subjectId: string;

  @IsIn(DATA_REQUEST_TYPES)
  type: string;

  @IsOptional()
  @Matches(/^[a-z_]{1,32}$/)
  field?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  value?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,64}$/)
  decisionId?: string;

  @IsBoolean()
  requestHumanReview: boolean;
}
