import type { RetentionCutoffs } from './retention-policy.js';

export interface RetentionCounts {
  /** Decisions past their retention, not under a hold, anonymised. */
  decisionsAnonymised: number;
  /** Held decisions whose hold ended, anonymised in turn. */
  holdsEnded: number;
  /** Review requests deleted with the link of their decision to the subject. */
  reviewsDeleted: number;
  /** Erasure answers past their retention, or of subjects nothing is left of. */
  erasureReceiptsPurged: number;
  /** Delivered outbox messages past their retention. */
  outboxPurged: number;
}

/**
 * Port: retention across the risk schema. Every action is idempotent,
 * touches nothing outside the schema, and never an audit entry still waiting
 * to be delivered.
 */
export abstract class RetentionRepository {
  abstract apply(cutoffs: RetentionCutoffs, at: Date): Promise<RetentionCounts>;
}
