import { createPublicKey, verify } from 'node:crypto';
import { auditLeafHash } from './audit-entry-hash.js';
import { parseCheckpointText } from './checkpoint-text.js';
import { CompactRange } from './merkle/compact-range.js';

/** An entry as the gateway exports it (GET /v1/analyst/audit). */
export interface ExportedEntry {
  seq: string;
  type: string;
  source: string;
  source_id: string;
  actor: { type: string; id: string };
  subject_ref?: string;
  payload: Record<string, unknown>;
  occurred_at: string;
  leaf_hash: string;
}

export interface ExportedCheckpoint {
  tree_size: number;
  root_hash: string;
  signature: string;
  signed_text: string;
}

export interface OfflineReport {
  ok: boolean;
  checked: number;
  checkpointsChecked: number;
  firstBadSeq?: number;
  problem?: string;
}

/**
 * Verifies an exported log without trusting the service: every leaf is
 * recomputed from the entry, every checkpoint's Ed25519 signature is checked
 * with the published key, and the tree root at each checkpoint size must be
 * the signed one. Only this file, the export and the public key are needed.
 */
export function verifyExport(entries: ExportedEntry[], checkpoints: ExportedCheckpoint[], publicKeyPem: string): OfflineReport {
  const key = createPublicKey(publicKeyPem);
  const ordered = [...entries].sort((a, b) => Number(a.seq) - Number(b.seq));
  const signed = [...checkpoints].sort((a, b) => a.tree_size - b.tree_size);
  for (const checkpoint of signed) {
    const body = parseCheckpointText(checkpoint.signed_text);
    const genuine = verify(null, Buffer.from(checkpoint.signed_text, 'utf8'), key, Buffer.from(checkpoint.signature, 'base64'));
    if (!genuine || !body || body.treeSize !== checkpoint.tree_size || body.rootHash !== checkpoint.root_hash) {
      return { ok: false, checked: 0, checkpointsChecked: 0, problem: 'CHECKPOINT_SIGNATURE_INVALID', firstBadSeq: checkpoint.tree_size };
    }
  }
  const range = CompactRange.empty();
  let next = 0;
  let lastGood = 0;
  const atCheckpoints = (): OfflineReport | undefined => {
    while (next < signed.length && signed[next]!.tree_size === range.treeSize) {
      if (range.root().toString('hex') !== signed[next]!.root_hash)
        return { ok: false, checked: range.treeSize, checkpointsChecked: next, problem: 'CHECKPOINT_MISMATCH', firstBadSeq: lastGood + 1 };
      lastGood = range.treeSize;
      next++;
    }
    return undefined;
  };
  for (const entry of ordered) {
    const seq = Number(entry.seq);
    if (seq !== range.treeSize + 1)
      return {
        ok: false,
        checked: range.treeSize,
        checkpointsChecked: next,
        problem: seq > range.treeSize + 1 ? 'ENTRY_MISSING' : 'ENTRY_OUT_OF_ORDER',
        firstBadSeq: range.treeSize + 1,
      };
    const leaf = auditLeafHash({
      seq: entry.seq,
      type: entry.type,
      source: entry.source,
      sourceId: entry.source_id,
      actor: entry.actor,
      subjectRef: entry.subject_ref ?? null,
      payload: entry.payload,
      occurredAt: entry.occurred_at,
    });
    if (leaf.toString('hex') !== entry.leaf_hash)
      return { ok: false, checked: range.treeSize, checkpointsChecked: next, problem: 'ENTRY_EDITED', firstBadSeq: seq };
    range.append(leaf);
    const mismatch = atCheckpoints();
    if (mismatch) return mismatch;
  }
  if (next < signed.length) return { ok: false, checked: range.treeSize, checkpointsChecked: next, problem: 'TRUNCATED', firstBadSeq: range.treeSize + 1 };
  return { ok: true, checked: range.treeSize, checkpointsChecked: next };
}
