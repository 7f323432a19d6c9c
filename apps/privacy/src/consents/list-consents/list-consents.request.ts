import type { ListConsentsRequest } from '#contracts/privacy';
import { IsSubjectId } from '../subject-id.js';

export class ListConsentsRequestDto implements ListConsentsRequest {
  @IsSubjectId()
  subjectId: string;
}
