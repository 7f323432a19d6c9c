import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { SessionRepository } from '../session.repository.js';
import type { Session } from '../session.js';

/** A session of the subject; someone else's is indistinguishable from none. */
@Injectable()
export class GetSessionUseCase {
  constructor(private readonly sessions: SessionRepository) {}

  async execute(subjectId: string, sessionId: string): Promise<Session> {
    const session = await this.sessions.findOwned(sessionId, subjectId);
    if (!session) throw new DomainError('SESSION_NOT_FOUND', 'No such session');
    return session;
  }
}
