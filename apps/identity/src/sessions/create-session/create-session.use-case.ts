import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../shared/clock.js';
import { SessionRepository } from '../session.repository.js';
import type { Level, Session } from '../session.js';
import { VerificationPolicy } from '../verification-policy.js';

export interface CreateSessionCommand {
  subjectId: string;
  targetLevel: Level;
}

/** Opens a session; it takes factors until it reaches its target or its deadline passes. */
@Injectable()
export class CreateSessionUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly policy: VerificationPolicy,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateSessionCommand): Promise<Session> {
    const createdAt = this.clock.now();
    const session: Session = {
      id: randomUUID(),
      subjectId: command.subjectId,
      targetLevel: command.targetLevel,
      status: 'OPEN',
      createdAt,
      expiresAt: new Date(createdAt.getTime() + this.policy.sessionTtlMinutes * 60_000),
      factors: [],
      version: 0,
    };
    await this.sessions.create(session);
    return session;
  }
}
