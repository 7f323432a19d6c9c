import { CompactRange } from '#libs/audit';
import type { Checkpoint, StoredAuditEntry } from '../audit-entry.js';

export type VerificationProblem =
  'ENTRY_MISSING' | 'ENTRY_OUT_OF_ORDER' | 'ENTRY_EDITED' | 'CHECKPOINT_MISMATCH' | 'CHECKPOINT_SIGNATURE_INVALID' | 'TRUNCATED';

export interface VerificationReport {
  ok: boolean;
  checked: number;
  firstBadSeq?: number;
  problem?: VerificationProblem;
  checkpointsChecked: number;
}

export interface VerifierInput {
  /** Entries in seq order, in pages. */
  pages: AsyncIterable<StoredAuditEntry[]>;
  checkpoints: Checkpoint[];
  signatureValid: (checkpoint: Checkpoint) => boolean;
  leafHashOf: (entry: StoredAuditEntry) => Buffer;
}

/**
 * Recomputes the log and compares it with what was signed. Each entry's
 * leaf is recomputed from its columns (an edit, a swap or an insertion
 * shows at the first entry affected); sequence numbers must run 1, 2, 3…
 * (a deletion shows where the gap is); the tree root at every checkpoint
 * must equal the signed root (a consistent rewrite of hashes shows after
 * the last good checkpoint); and the log must reach every checkpoint
 * (a truncated tail shows where it now ends).
 */
export async function verifyAuditLog(input: VerifierInput): Promise<VerificationReport> {
  const checkpoints = [...input.checkpoints].sort((a, b) => a.treeSize - b.treeSize);
  const forged = checkpoints.find((checkpoint) => !input.signatureValid(checkpoint));
  if (forged) return { ok: false, checked: 0, problem: 'CHECKPOINT_SIGNATURE_INVALID', firstBadSeq: forged.treeSize, checkpointsChecked: 0 };

  const range = CompactRange.empty();
  let next = 0;
  let lastGoodCheckpoint = 0;
  const fail = (problem: VerificationProblem, firstBadSeq: number): VerificationReport => ({
    ok: false,
    checked: range.treeSize,
    problem,
    firstBadSeq,
    checkpointsChecked: next,
  });
  const checkCheckpoints = (): VerificationReport | undefined => {
    while (next < checkpoints.length && checkpoints[next]!.treeSize === range.treeSize) {
      if (range.root().toString('hex') !== checkpoints[next]!.rootHash) return fail('CHECKPOINT_MISMATCH', lastGoodCheckpoint + 1);
      lastGoodCheckpoint = range.treeSize;
      next++;
    }
    return undefined;
  };
  const atStart = checkCheckpoints();
  if (atStart) return atStart;

  for await (const page of input.pages) {
    for (const entry of page) {
      const seq = Number(entry.seq);
      const expected = range.treeSize + 1;
      if (seq > expected) return fail('ENTRY_MISSING', expected);
      if (seq < expected) return fail('ENTRY_OUT_OF_ORDER', seq);
      if (!input.leafHashOf(entry).equals(entry.leafHash)) return fail('ENTRY_EDITED', seq);
      range.append(entry.leafHash);
      const mismatch = checkCheckpoints();
      if (mismatch) return mismatch;
    }
  }
  if (next < checkpoints.length) return fail('TRUNCATED', range.treeSize + 1);
  return { ok: true, checked: range.treeSize, checkpointsChecked: next };
}
