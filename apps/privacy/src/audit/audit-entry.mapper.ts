import type { AuditEntry, Checkpoint as CheckpointMessage } from '#contracts/privacy';
import type { Checkpoint, StoredAuditEntry } from './audit-entry.js';

export function toAuditEntryMessage(entry: StoredAuditEntry): AuditEntry {
  return {
    seq: entry.seq,
    type: entry.type,
    source: entry.source,
    sourceId: entry.sourceId,
    actor: entry.actor,
    subjectRef: entry.subjectRef ?? undefined,
    payloadJson: JSON.stringify(entry.payload),
    occurredAt: entry.occurredAt.toISOString(),
    leafHash: entry.leafHash.toString('hex'),
  };
}

export function toCheckpointMessage(checkpoint: Checkpoint): CheckpointMessage {
  return { ...checkpoint, treeSize: String(checkpoint.treeSize) };
}
