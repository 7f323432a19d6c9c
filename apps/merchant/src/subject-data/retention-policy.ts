import type { MerchantConfig } from '../config/merchant.config.js';

const DAY_MS = 86_400_000;

/** When each kind of merchant data stops being kept, as of a time. */
export interface RetentionCutoffs {
  /** Restricted records whose hold ends before this are deleted. */
  holdsEndedBefore: Date;
  /** Drafts never submitted, last touched before this, are purged; so are uploads no application names. */
  draftsUntouchedSince: Date;
  /** Delivered outbox messages delivered before this are purged. */
  outboxDeliveredBefore: Date;
  /** Erasure answers recorded before this are no longer needed for retries. */
  erasureReceiptsBefore: Date;
}

/** The configurable retention rules of the merchant service, in one injectable value. */
export class RetentionPolicy {
  constructor(
    readonly legalHoldYears: number,
    readonly draftRetentionDays: number,
    readonly outboxRetentionDays: number,
    readonly erasureReceiptRetentionDays: number,
  ) {}

  static from(config: MerchantConfig): RetentionPolicy {
    return new RetentionPolicy(config.LEGAL_HOLD_YEARS, config.DRAFT_RETENTION_DAYS, config.OUTBOX_RETENTION_DAYS, config.ERASURE_RECEIPT_RETENTION_DAYS);
  }

  /** The hold runs this many calendar years (UTC) after the relationship ends. */
  holdUntil(relationshipEndedAt: Date): Date {
    const until = new Date(relationshipEndedAt);
    until.setUTCFullYear(until.getUTCFullYear() + this.legalHoldYears);
    return until;
  }

  legalBasis(): string {
    return (
      'Anti-Money-Laundering Law and the PBOC customer due diligence rules for payment institutions: ' +
      `merchant due-diligence records are kept ${this.legalHoldYears} years after the business relationship ends`
    );
  }

  cutoffs(asOf: Date): RetentionCutoffs {
    return {
      holdsEndedBefore: asOf,
      draftsUntouchedSince: new Date(asOf.getTime() - this.draftRetentionDays * DAY_MS),
      outboxDeliveredBefore: new Date(asOf.getTime() - this.outboxRetentionDays * DAY_MS),
      erasureReceiptsBefore: new Date(asOf.getTime() - this.erasureReceiptRetentionDays * DAY_MS),
    };
  }
}
