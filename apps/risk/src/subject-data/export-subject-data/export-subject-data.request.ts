import type { ExportSubjectDataRequest } from '#contracts/subject_data';
import { IsIn } from 'class-validator';
import { IsSubjectId } from '../../shared/subject-id.js';
import { EXPORT_REASONS, type ExportReason } from './export-subject-data.use-case.js';

export class ExportSubjectDataRequestDto implements ExportSubjectDataRequest {
  @IsSubjectId()
  subjectId: string;

  @IsIn(EXPORT_REASONS)
  reason: ExportReason;
}
