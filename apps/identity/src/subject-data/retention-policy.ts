import type { IdentityConfig } from '../config/identity.config.js';

/** The category identity keeps under a legal hold: the verified identity records. */
export const HELD_CATEGORY = 'kyc_identity_records';

/** When each kind of data stops being kept, as of a time. */
export interface RetentionCutoffs {
  /** Personal fields of sessions that ended unverified before this are purged. */
  unverifiedSessionsEndedBefore: Date;
  /** Failed attempts before this no longer count toward any limit. */
  attemptsBefore: Date;
  /** Erasure answers recorded before this are no longer needed for retries. */
  erasureReceiptsBefore: Date;
  /** Holds that ended before this are over: their records are deleted. */
  holdsEndedBefore: Date;
}

const DAY_MS = 86_400_000;

/** The configurable retention rules of identity, in one injectable value. */
export class RetentionPolicy {
  constructor(
    readonly legalHoldYears: number,
    readonly unverifiedSessionRetentionDays: number,
    readonly attemptWindowHours: number,
    readonly erasureReceiptRetentionDays: number,
  ) {}

  static from(config: IdentityConfig): RetentionPolicy {
    return new RetentionPolicy(
      config.LEGAL_HOLD_YEARS,
      config.UNVERIFIED_SESSION_RETENTION_DAYS,
      config.ATTEMPT_WINDOW_HOURS,
      config.ERASURE_RECEIPT_RETENTION_DAYS,
    );
  }

  /** The hold runs this many calendar years (UTC) after the relationship ends. */
  holdUntil(relationshipEndedAt: Date): Date {
    const until = new Date(relationshipEndedAt);
    until.setUTCFullYear(until.getUTCFullYear() + this.legalHoldYears);
    return until;
  }

  /** Failed attempts at or after this still count toward the attempt limits. */
  attemptsSince(now: Date): Date {
    return new Date(now.getTime() - this.attemptWindowHours * 3_600_000);
  }

  legalBasis(): string {
    return `Anti-Money-Laundering Law art. 40 / customer due diligence records: kept ${this.legalHoldYears} years after the relationship ends`;
  }

  cutoffs(asOf: Date): RetentionCutoffs {
    return {
      unverifiedSessionsEndedBefore: new Date(asOf.getTime() - this.unverifiedSessionRetentionDays * DAY_MS),
      attemptsBefore: this.attemptsSince(asOf),
      erasureReceiptsBefore: new Date(asOf.getTime() - this.erasureReceiptRetentionDays * DAY_MS),
      holdsEndedBefore: asOf,
    };
  }
}
