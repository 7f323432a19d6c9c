import type { ExportSubjectDataRequest } from '#contracts/subject_data';
import { IsIn } from 'class-validator';
import { IsSubject } from '../../shared/identifiers.js';
import { EXPORT_REASONS, type ExportReason } from './export-subject-data.use-case.js';

export class ExportSubjectDataRequestDto implements ExportSubjectDataRequest {
  @IsSubject()
  subjectId: string;

  @IsIn(EXPORT_REASONS)
  reason: ExportReason;
}
