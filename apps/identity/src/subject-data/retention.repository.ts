import type { RetentionCutoffs } from './retention-policy.js';

export interface RetentionCounts {
  /** Sessions that ended unverified and lost their personal fields. */
  sessionsPurged: number;
  /** Failed-attempt rows past the attempt window, deleted. */
  attemptsPurged: number;
  /** Subjects whose hold ended. */
  holdsEnded: number;
  /** Rows deleted because a hold ended (sessions with their factors, and what else of the subject was left). */
  recordsDeleted: number;
  /** Erasure answers past their retention. */
  erasureReceiptsPurged: number;
}

/** Port: retention across the identity schema. Every action is idempotent and touches nothing outside it. */
export abstract class RetentionRepository {
  abstract apply(cutoffs: RetentionCutoffs): Promise<RetentionCounts>;
}
