import type { GetSessionRequest } from '#contracts/identity';
import { IsSessionId } from '../session-id.js';
import { IsSubjectId } from '../subject-id.js';

export class GetSessionRequestDto implements GetSessionRequest {
  @IsSubjectId()
  subjectId: string;

  @IsSessionId()
  sessionId: string;
}
