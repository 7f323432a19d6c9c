import type { DecisionReview } from '../reviews/decision-review.js';
import type { Reason } from '../rules/decide.js';
import type { Outcome } from '../shared/outcome.js';

export const ERASURE_MODES = ['DELETE', 'CLOSE_ACCOUNT'] as const;
export type ErasureMode = (typeof ERASURE_MODES)[number];

/** A decision about the subject as risk holds it, including one kept restricted under a legal hold. */
export interface SubjectDecision {
  id: string;
  occurredAt: Date;
  eventType: string;
  outcome: Outcome;
  score: number;
  reasons: Reason[];
  rulesetVersion: number;
  deviceId: string;
  ip: string;
  merchantId?: string;
  label?: string;
  /** The personal part of the input, still sealed (AES-256-GCM). */
  sealedSnapshot: Buffer;
  restrictedAt?: Date;
  /** Empty while the relationship continues. */
  holdUntil?: Date;
  reviews: DecisionReview[];
}

/** Everything risk holds about one subject that still names them. */
export interface SubjectRecords {
  decisions: SubjectDecision[];
}

/** Decisions kept restricted under a hold ending at one time (none yet while the relationship continues). */
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
  /** Decisions of these events are kept under the hold, restricted; every other one is anonymised. */
  heldEventTypes: readonly string[];
}

export interface ErasureOutcome {
  /** Velocity events and review requests deleted. */
  deleted: number;
  /** Decisions irreversibly anonymised. */
  anonymised: number;
  held: HeldRecords[];
}

export type ErasureResult = { status: 'ERASED' | 'REPLAYED'; outcome: ErasureOutcome } | { status: 'CONFLICT' };

/**
 * Port: a subject's data across the risk schema, for data-subject rights.
 * Reads include restricted decisions (the subject's own access and staff
 * unmasking are legal duties); nothing else does. Block-list entries are not
 * the subject's to erase: closing an account is no way around a block.
 */
export abstract class SubjectDataRepository {
  abstract load(subjectId: string): Promise<SubjectRecords>;
  /**
   * In one transaction, serialised with the subject's assessments: restricts
   * the held decisions (and their reviews), anonymises every other decision
   * (deleting its reviews), deletes the subject's velocity events and the
   * delivered copies of audit entries about them, and records the answer
   * under the request id. A request id seen before gets its first answer back
   * (REPLAYED) and changes nothing; one used for another subject or mode is a
   * CONFLICT.
   */
  abstract erase(erasure: Erasure): Promise<ErasureResult>;
}
