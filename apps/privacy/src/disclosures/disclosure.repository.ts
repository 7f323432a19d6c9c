import type { NewAuditEntry } from '../audit/audit-entry.js';
import type { BillingRow, Completion, Disclosure } from './disclosure.js';

/** Port: disclosure records, written together with their audit entries. */
export abstract class DisclosureRepository {
  /**
   * In one transaction: checks that every purpose in `consentPurposes` is
   * granted right now, then stores the disclosure and its audit entry.
   * Returns the first purpose lacking consent, and writes nothing, if any.
   */
  abstract authorize(disclosure: Disclosure, audit: NewAuditEntry, consentPurposes: string[]): Promise<{ missingConsent?: string }>;
  /** Records the outcome once; a repeat is a no-op. False when no such disclosure exists. */
  abstract complete(id: string, completion: Completion, audit: (disclosure: Disclosure) => NewAuditEntry): Promise<boolean>;
  /** Disclosures authorised before `before` and never completed. */
  abstract staleIds(before: Date, limit: number): Promise<string[]>;
  abstract listBySubject(subjectId: string, limit: number, after?: { authorizedAt: string; id: string }): Promise<Disclosure[]>;
  abstract billing(fromDay: string, toDay: string): Promise<BillingRow[]>;
}
