import { canonicalJson } from './canonical-json.js';
import { hashLeaf } from './merkle/rfc6962.js';

/** Every field of an audit entry that its leaf hash covers. */
export interface HashedAuditEntry {
  seq: string;
  type: string;
  source: string;
  sourceId: string;
  actor: { type: string; id: string };
  subjectRef: string | null;
  payload: Record<string, unknown>;
  /** RFC 3339 with milliseconds, UTC. */
  occurredAt: string;
}

/** The exact bytes a leaf hash is taken over (documented in docs/privacy.md for offline auditors). */
export function auditEntryBytes(entry: HashedAuditEntry): Buffer {
  return Buffer.from(
    canonicalJson({
      v: 1,
      seq: entry.seq,
      type: entry.type,
      source: entry.source,
      source_id: entry.sourceId,
      actor: entry.actor,
      subject_ref: entry.subjectRef,
      payload: entry.payload,
      occurred_at: entry.occurredAt,
    }),
    'utf8',
  );
}

/** RFC 6962 leaf hash of an entry: SHA-256(0x00 || canonical entry). */
export function auditLeafHash(entry: HashedAuditEntry): Buffer {
  return hashLeaf(auditEntryBytes(entry));
}
