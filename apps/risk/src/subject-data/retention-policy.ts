import type { RiskConfig } from '../config/risk.config.js';
import type { EventType } from '../shared/event-type.js';

/** The category risk keeps under a legal hold: decisions about transactions. */
export const HELD_CATEGORY = 'risk_transaction_decisions';

/**
 * Events that move money or bind the instrument that moves it: their
 * decisions are part of the transaction record the anti-money-laundering
 * rules keep after the relationship ends. Decisions about every other event
 * (register, login, KYC screening, merchant onboarding) are not: identity and
 * merchant keep the due-diligence records themselves.
 */
export const HELD_EVENT_TYPES = ['PAYMENT', 'WITHDRAW', 'BIND_CARD'] as const satisfies readonly EventType[];

/** When each kind of risk data stops being kept, as of a time. */
export interface RetentionCutoffs {
  /** Decisions made before this, not under a hold, are anonymised. */
  decisionsBefore: Date;
  /** Holds that ended before this are over: their decisions are anonymised. */
  holdsEndedBefore: Date;
  /** Erasure answers recorded before this are no longer needed for retries. */
  erasureReceiptsBefore: Date;
  /** Outbox messages delivered before this are purged. */
  outboxDeliveredBefore: Date;
}

const DAY_MS = 86_400_000;

/** The configurable retention rules of risk, in one injectable value. */
export class RetentionPolicy {
  constructor(
    readonly legalHoldYears: number,
    readonly decisionRetentionDays: number,
    readonly erasureReceiptRetentionDays: number,
    readonly outboxRetentionDays: number,
  ) {}

  static from(config: RiskConfig): RetentionPolicy {
    return new RetentionPolicy(config.LEGAL_HOLD_YEARS, config.DECISION_RETENTION_DAYS, config.ERASURE_RECEIPT_RETENTION_DAYS, config.OUTBOX_RETENTION_DAYS);
  }

  /** The hold runs this many calendar years (UTC) after the relationship ends. */
  holdUntil(relationshipEndedAt: Date): Date {
    const until = new Date(relationshipEndedAt);
    until.setUTCFullYear(until.getUTCFullYear() + this.legalHoldYears);
    return until;
  }

  legalBasis(): string {
    return (
      'Anti-Money-Laundering Law; PBOC Measures on Customer Due Diligence and the Retention of Customer Identity Information and Transaction Records: ' +
      `risk decisions on transactions are kept ${this.legalHoldYears} years after the business relationship ends`
    );
  }

  cutoffs(asOf: Date): RetentionCutoffs {
    return {
      decisionsBefore: new Date(asOf.getTime() - this.decisionRetentionDays * DAY_MS),
      holdsEndedBefore: asOf,
      erasureReceiptsBefore: new Date(asOf.getTime() - this.erasureReceiptRetentionDays * DAY_MS),
      outboxDeliveredBefore: new Date(asOf.getTime() - this.outboxRetentionDays * DAY_MS),
    };
  }
}
