import { auditLeafHash } from '#libs/audit';
import type { StoredAuditEntry } from './audit-entry.js';

/** The leaf hash of an entry as stored: the verifier recomputes it from the columns, never trusts the stored hash. */
export function leafHashOf(entry: Omit<StoredAuditEntry, 'leafHash'>): Buffer {
  return auditLeafHash({ ...entry, occurredAt: entry.occurredAt.toISOString() });
}
