import type { FactorRecord, Level, MatchedCard, MatchedIdentity, Session, SessionStatus } from './session.js';

export interface NewSession {
  id: string;
  subjectId: string;
  targetLevel: Level;
  createdAt: Date;
  expiresAt: Date;
}

/** One factor applied to a session, written as one transaction. */
export interface SessionChange {
  sessionId: string;
  expectedVersion: number;
  factor: FactorRecord;
  status: SessionStatus;
  verifiedAt?: Date;
  /** Newly matched data to keep (encrypted, with blind indexes). */
  identity?: MatchedIdentity;
  card?: MatchedCard;
  /** The subject reached a higher level than this session had: raise their level (never lowers it). */
  reachedLevel?: { level: Level; at: Date; idNumber: string };
  /** Settles the reservation taken before the upstream call. */
  attempt?: { id: string; failed: boolean };
  /** Reported to risk through the outbox, so the failed-KYC velocity features see it. */
  riskOutcome?: { decisionId: string; outcome: 'KYC_PASSED' | 'KYC_FAILED' };
}

/** Port: verification sessions and their factors. */
export abstract class SessionRepository {
  abstract create(session: NewSession): Promise<void>;
  /** The session with its factors and decrypted matched data, only if it belongs to the subject. */
  abstract findOwned(sessionId: string, subjectId: string): Promise<Session | undefined>;
  /**
   * Takes the session's submission lease until `until`, so one factor at a
   * time runs per session (no parallel upstream calls, no double billing).
   * False when another submission holds it, or the subject has no such session.
   */
  abstract claim(sessionId: string, subjectId: string, now: Date, until: Date): Promise<boolean>;
  abstract releaseClaim(sessionId: string): Promise<void>;
  /** Applies the change and releases the lease; false when the session changed meanwhile. */
  abstract applyFactor(change: SessionChange): Promise<boolean>;
}
