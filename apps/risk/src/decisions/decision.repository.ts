import type { AuditRecord } from '#libs/audit';
import type { TimeCursor } from '../shared/cursor.js';
import type { BacktestRow, DecisionDetail, DecisionFilter, DecisionSummary, Label } from './decision-record.js';

/**
 * Port: the decision log (written by the assessment ledger, read and labelled
 * here). Decisions restricted under a legal hold and anonymised ones are out
 * of every method here: only the subject's own copy reads the former
 * (SubjectDataRepository), and backtests read the latter's statistics.
 */
export abstract class DecisionRepository {
  /** Newest first, strictly after the cursor. */
  abstract list(filter: DecisionFilter, limit: number, after?: TimeCursor): Promise<DecisionSummary[]>;

  abstract find(id: string): Promise<DecisionDetail | undefined>;

  /** Sets the label and writes its audit entry in one transaction; undefined if no such decision. */
  abstract label(
    id: string,
    label: Label,
    labelledBy: string,
    audit: (decision: DecisionSummary, previous: Label | undefined) => AuditRecord,
  ): Promise<DecisionSummary | undefined>;

  /**
   * Records how a KYC step ended, for the failed-KYC velocity. False if there
   * is no such KYC decision (or, with `subjectId`, none of that subject's).
   */
  abstract recordKycOutcome(id: string, failed: boolean, subjectId?: string): Promise<boolean>;

  /**
   * Oldest first within [from, to), strictly after the cursor: backtests
   * stream the range in pages. Anonymised decisions count (their features,
   * outcome and label are statistics); restricted ones do not.
   */
  abstract backtestPage(from: Date, to: Date, limit: number, after?: TimeCursor): Promise<BacktestRow[]>;
}
