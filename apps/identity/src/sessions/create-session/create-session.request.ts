import type { CreateSessionRequest } from '#contracts/identity';
import { IsIn } from 'class-validator';
import { LEVELS, type Level } from '../session.js';
import { IsSubjectId } from '../subject-id.js';

export class CreateSessionRequestDto implements CreateSessionRequest {
  @IsSubjectId()
  subjectId: string;

  @IsIn(LEVELS)
  targetLevel: Level;
}
