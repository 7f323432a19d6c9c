import type { EraseSubjectDataRequest } from '#contracts/subject_data';
import { IsIn, Matches } from 'class-validator';
import { REQUEST_ID } from '../../shared/request-id.js';
import { IsSubjectId } from '../../shared/subject-id.js';
import { ERASURE_MODES, type ErasureMode } from '../subject-data.repository.js';

export class EraseSubjectDataRequestDto implements EraseSubjectDataRequest {
  @IsSubjectId()
  subjectId: string;

  @IsIn(ERASURE_MODES)
  mode: ErasureMode;

  @Matches(REQUEST_ID)
  requestId: string;
}
