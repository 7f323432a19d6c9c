import type { RetentionCutoffs } from './retention-policy.js';

export interface RetentionCounts {
  /** Merchant records (an onboarding application with its upgrades) whose hold ended. */
  holdsEnded: number;
  /** Applications deleted with them (onboarding and upgrades), their history included. */
  recordsDeleted: number;
  /** Documents deleted: of ended holds, of purged drafts, and uploads no application names. */
  documentsDeleted: number;
  draftsPurged: number;
  outboxPurged: number;
  erasureReceiptsPurged: number;
}

/** Port: retention of the merchant schema. Every step only ever touches merchant tables, and is idempotent. */
export abstract class RetentionRepository {
  abstract apply(cutoffs: RetentionCutoffs): Promise<RetentionCounts>;
}
