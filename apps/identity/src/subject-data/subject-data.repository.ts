import type { FactorType, Session } from '../sessions/session.js';
import type { VerifiedLevel } from '../verification-level/verified-level.js';

export const ERASURE_MODES = ['DELETE', 'CLOSE_ACCOUNT'] as const;
export type ErasureMode = (typeof ERASURE_MODES)[number];

/** A session as identity holds it, including one kept restricted under a legal hold. */
export interface SubjectSession extends Session {
  restrictedAt?: Date;
  /** Empty while the relationship continues. */
  holdUntil?: Date;
}

/** Everything identity holds about one subject, personal data decrypted. */
export interface SubjectRecords {
  sessions: SubjectSession[];
  level?: VerifiedLevel;
  /** Failed-attempt ledger rows still linked to the subject, per factor: counts, never the numbers tried. */
  failedAttempts: Record<FactorType, number>;
}

/** Records kept restricted under a hold ending at one time (none yet while the relationship continues). */
export interface HeldRecords {
  holdUntil?: Date;
  records: number;
}

export interface Erasure {
  subjectId: string;
  mode: ErasureMode;
  requestId: string;
  at: Date;
  /** Set for CLOSE_ACCOUNT: the relationship ends now and the hold starts counting. */
  holdUntil?: Date;
  /** Failed attempts at or after this still count against the number tried: detached from the subject, not deleted. */
  attemptsSince: Date;
}

export interface ErasureOutcome {
  deleted: number;
  anonymised: number;
  held: HeldRecords[];
}

export type ErasureResult = { status: 'ERASED' | 'REPLAYED'; outcome: ErasureOutcome } | { status: 'CONFLICT' };

/**
 * Port: a subject's data across the identity schema, for data-subject
 * rights. Reads include restricted records (the subject's own access and
 * staff unmasking are legal duties); nothing else does.
 */
export abstract class SubjectDataRepository {
  abstract load(subjectId: string): Promise<SubjectRecords>;
  /**
   * In one transaction: deletes what no hold keeps, restricts the records the
   * subject's verification rests on, detaches recent failed attempts, and
   * records the answer under the request id. A request id seen before gets its
   * first answer back (REPLAYED) and changes nothing; one used for another
   * subject or mode is a CONFLICT.
   */
  abstract erase(erasure: Erasure): Promise<ErasureResult>;
}
