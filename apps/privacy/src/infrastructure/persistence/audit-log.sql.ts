import { CompactRange } from '#libs/audit';
import type { PiiVault } from '#libs/pii';
import type { EntityManager } from 'typeorm';
import type { NewAuditEntry, StoredAuditEntry } from '../../audit/audit-entry.js';
import { leafHashOf } from '../../audit/leaf-hash.js';
import { subjectRef } from '../../audit/subject-ref.js';

export interface AuditRow {
  seq: string;
  type: string;
  source: string;
  source_id: string;
  actor_type: string;
  actor_id: string;
  subject_ref: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
  leaf_hash: Buffer;
}

export function toStoredEntry(row: AuditRow): StoredAuditEntry {
  return {
    seq: String(row.seq),
    type: row.type,
    source: row.source,
    sourceId: row.source_id,
    actor: { type: row.actor_type as StoredAuditEntry['actor']['type'], id: row.actor_id },
    subjectRef: row.subject_ref,
    payload: row.payload,
    occurredAt: row.occurred_at,
    leafHash: row.leaf_hash,
  };
}

/**
 * Appends entries inside the caller's transaction. The head row is locked
 * first, so concurrent appenders queue on it: sequence numbers stay
 * contiguous and the tree never forks, and a rolled-back transaction gives
 * its numbers back.
 */
export async function appendAuditEntries(manager: EntityManager, vault: PiiVault, entries: NewAuditEntry[]): Promise<string[]> {
  const [head] = (await manager.query('SELECT size, frontier FROM privacy.audit_head WHERE id FOR UPDATE')) as Array<{ size: string; frontier: Buffer[] }>;
  if (!head) throw new Error('privacy.audit_head is missing; run the migrations');
  const range = new CompactRange(Number(head.size), head.frontier);
  const seqs: string[] = [];
  for (const entry of entries) {
    const existing = (await manager.query('SELECT seq FROM privacy.audit_log WHERE source = $1 AND source_id = $2', [entry.source, entry.sourceId])) as Array<{
      seq: string;
    }>;
    if (existing[0]) {
      seqs.push(String(existing[0].seq));
      continue;
    }
    const seq = String(range.treeSize + 1);
    const occurredAt = new Date(entry.occurredAt.getTime());
    const stored = {
      seq,
      type: entry.type,
      source: entry.source,
      sourceId: entry.sourceId,
      // A user acting on their own data is named by the same keyed hash as a subject.
      actor: entry.actor.type === 'user' ? { type: 'user' as const, id: subjectRef(vault, entry.actor.id) } : entry.actor,
      subjectRef: entry.subjectId ? subjectRef(vault, entry.subjectId) : null,
      payload: entry.payload,
      occurredAt,
    };
    const leaf = leafHashOf(stored);
    await manager.query(
      `INSERT INTO privacy.audit_log (seq, type, source, source_id, actor_type, actor_id, subject_ref, payload, occurred_at, leaf_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        seq,
        stored.type,
        stored.source,
        stored.sourceId,
        stored.actor.type,
        stored.actor.id,
        stored.subjectRef,
        JSON.stringify(stored.payload),
        occurredAt,
        leaf,
      ],
    );
    range.append(leaf);
    seqs.push(seq);
  }
  await manager.query('UPDATE privacy.audit_head SET size = $1, frontier = $2 WHERE id', [range.treeSize, range.subtreeRoots]);
  return seqs;
}
