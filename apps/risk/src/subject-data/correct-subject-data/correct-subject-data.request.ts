import type { CorrectSubjectDataRequest } from '#contracts/subject_data';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { REQUEST_ID } from '../../shared/request-id.js';
import { IsSubjectId } from '../../shared/subject-id.js';
import { CORRECTION_FIELDS, type CorrectionField } from './correct-subject-data.use-case.js';

export class CorrectSubjectDataRequestDto implements CorrectSubjectDataRequest {
  @IsSubjectId()
  subjectId: string;

  @IsIn(CORRECTION_FIELDS)
  field: CorrectionField;

  // Never used here (risk changes nothing) and never logged: personal data.
  @IsString()
  @MaxLength(500)
  value: string;

  @Matches(REQUEST_ID)
  requestId: string;
}
