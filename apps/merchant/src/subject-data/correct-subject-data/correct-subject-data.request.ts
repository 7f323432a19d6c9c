import type { CorrectSubjectDataRequest } from '#contracts/subject_data';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { IsSubject } from '../../shared/identifiers.js';
import { CORRECTION_FIELDS, type CorrectionField } from '../contact-fields.js';
import { IsRequestId } from '../request-id.js';

export class CorrectSubjectDataRequestDto implements CorrectSubjectDataRequest {
  @IsSubject()
  subjectId: string;

  @IsIn(CORRECTION_FIELDS)
  field: CorrectionField;

  // Checked by field in the use case; personal data, never logged.
  @IsString()
  @MaxLength(500)
  value: string;

  @IsRequestId()
  requestId: string;
}
