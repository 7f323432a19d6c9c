import type { CorrectSubjectDataRequest } from '#contracts/subject_data';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { IsSubjectId } from '../../sessions/subject-id.js';
import { REQUEST_ID } from '../request-id.js';
import { CORRECTION_FIELDS, type CorrectionField } from './correct-subject-data.use-case.js';

export class CorrectSubjectDataRequestDto implements CorrectSubjectDataRequest {
  @IsSubjectId()
  subjectId: string;

  @IsIn(CORRECTION_FIELDS)
  field: CorrectionField;

  // Never used here (identity changes nothing) and never logged: personal data.
  @IsString()
  @MaxLength(500)
  value: string;

  @Matches(REQUEST_ID)
  requestId: string;
}
