import type { AuditQuery, Checkpoint, NewAuditEntry, StoredAuditEntry } from './audit-entry.js';

/** Port: the append-only audit log, its head and its signed checkpoints. */
export abstract class AuditLogRepository {
  /** Appends in order; an entry whose (source, sourceId) is already logged keeps its seq. */
  abstract append(entries: NewAuditEntry[]): Promise<string[]>;
  abstract list(query: AuditQuery): Promise<StoredAuditEntry[]>;
  /** Entries in seq order from `afterSeq`, for verification. */
  abstract scan(afterSeq: string, limit: number): Promise<StoredAuditEntry[]>;
  abstract leafHashes(treeSize: number): Promise<Buffer[]>;
  abstract head(): Promise<{ size: number; root: Buffer }>;
  abstract saveCheckpoint(checkpoint: Checkpoint): Promise<void>;
  abstract checkpoints(): Promise<Checkpoint[]>;
}
