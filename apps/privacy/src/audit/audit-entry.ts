import type { AuditActor } from '#libs/audit';

/** An entry as a producer hands it in, before it gets its place in the log. */
export interface NewAuditEntry {
  source: string;
  sourceId: string;
  type: string;
  actor: AuditActor;
  subjectId?: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/** An entry in the log. The subject appears only as a keyed hash. */
export interface StoredAuditEntry {
  seq: string;
  type: string;
  source: string;
  sourceId: string;
  actor: AuditActor;
  subjectRef: string | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
  leafHash: Buffer;
}

export interface AuditQuery {
  subjectId?: string;
  type?: string;
  from?: Date;
  to?: Date;
  /** Entries with a seq below this one (newest first). */
  beforeSeq?: string;
  limit: number;
}

export interface Checkpoint {
  treeSize: number;
  rootHash: string;
  signedAt: string;
  keyId: string;
  signature: string;
  signedText: string;
}
