import type { EraseSubjectDataRequest } from '#contracts/subject_data';
import { IsIn } from 'class-validator';
import { IsSubject } from '../../shared/identifiers.js';
import { ERASURE_MODES, type ErasureMode } from '../merchant-records.js';
import { IsRequestId } from '../request-id.js';

export class EraseSubjectDataRequestDto implements EraseSubjectDataRequest {
  @IsSubject()
  subjectId: string;

  @IsIn(ERASURE_MODES)
  mode: ErasureMode;

  @IsRequestId()
  requestId: string;
}
