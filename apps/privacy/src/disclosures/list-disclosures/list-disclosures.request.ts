import type { ListDisclosuresRequest } from '#contracts/privacy';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsSubjectId } from '../../consents/subject-id.js';

export class ListDisclosuresRequestDto implements ListDisclosuresRequest {
  @IsSubjectId()
  subjectId: string;

  @IsInt()
  @Min(0)
  @Max(500)
  limit: number;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}
