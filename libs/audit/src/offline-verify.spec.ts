import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditLeafHash } from './audit-entry-hash.js';
import { checkpointText } from './checkpoint-text.js';
import { CompactRange } from './merkle/compact-range.js';
import { verifyExport, type ExportedCheckpoint, type ExportedEntry } from './offline-verify.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();

function exportOf(count: number, checkpointAt: number[]): { entries: ExportedEntry[]; checkpoints: ExportedCheckpoint[] } {
  const range = CompactRange.empty();
  const entries: ExportedEntry[] = [];
  const checkpoints: ExportedCheckpoint[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const entry = {
      seq: String(seq),
      type: 'CONSENT_GRANTED',
      source: 'privacy',
      source_id: `c-${seq}`,
      actor: { type: 'service', id: 'privacy' },
      payload: { purpose: 'marketing', n: seq },
      occurred_at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    };
    const leaf = auditLeafHash({
      seq: entry.seq,
      type: entry.type,
      source: entry.source,
      sourceId: entry.source_id,
      actor: entry.actor,
      subjectRef: null,
      payload: entry.payload,
      occurredAt: entry.occurred_at,
    });
    range.append(leaf);
    entries.push({ ...entry, leaf_hash: leaf.toString('hex') });
    if (checkpointAt.includes(seq)) {
      const body = { treeSize: seq, rootHash: range.root().toString('hex'), signedAt: '2026-01-02T00:00:00.000Z', keyId: 'k1' };
      const text = checkpointText(body);
      checkpoints.push({
        tree_size: seq,
        root_hash: body.rootHash,
        signed_text: text,
        signature: sign(null, Buffer.from(text), privateKey).toString('base64'),
      });
    }
  }
  return { entries, checkpoints };
}

describe('verifyExport (offline auditor)', () => {
  it('accepts an intact export', () => {
    const { entries, checkpoints } = exportOf(9, [3, 9]);
    expect(verifyExport(entries, checkpoints, publicKeyPem)).toEqual({ ok: true, checked: 9, checkpointsChecked: 2 });
  });

  it('finds an edited entry, a missing entry and a truncated tail', () => {
    const edited = exportOf(9, [9]);
    edited.entries[4]!.payload = { purpose: 'marketing', n: 99 };
    expect(verifyExport(edited.entries, edited.checkpoints, publicKeyPem)).toMatchObject({ ok: false, firstBadSeq: 5, problem: 'ENTRY_EDITED' });
    const missing = exportOf(9, [9]);
    missing.entries.splice(2, 1);
    expect(verifyExport(missing.entries, missing.checkpoints, publicKeyPem)).toMatchObject({ ok: false, firstBadSeq: 3, problem: 'ENTRY_MISSING' });
    const truncated = exportOf(9, [9]);
    expect(verifyExport(truncated.entries.slice(0, 6), truncated.checkpoints, publicKeyPem)).toMatchObject({ ok: false, firstBadSeq: 7, problem: 'TRUNCATED' });
  });

  it('refuses checkpoints signed by another key', () => {
    const { entries, checkpoints } = exportOf(4, [4]);
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(verifyExport(entries, checkpoints, other)).toMatchObject({ ok: false, problem: 'CHECKPOINT_SIGNATURE_INVALID' });
  });
});
