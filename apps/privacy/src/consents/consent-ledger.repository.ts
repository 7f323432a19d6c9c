import type { NewAuditEntry } from '../audit/audit-entry.js';
import type { ConsentEvent } from './consent.js';

/** Port: the append-only consent ledger. */
export abstract class ConsentLedgerRepository {
  /** The newest event of a subject for a purpose, or undefined if there is none. */
  abstract latest(subjectId: string, purpose: string): Promise<ConsentEvent | undefined>;
  abstract history(subjectId: string): Promise<ConsentEvent[]>;
  /**
   * Appends the event and its audit entry in one transaction. Serialised per
   * subject and purpose, and re-checked inside: `expectedLatestId` must still
   * be the newest event, or nothing is written and false is returned.
   */
  abstract append(event: ConsentEvent, audit: NewAuditEntry, expectedLatestId: string | undefined): Promise<boolean>;
}
