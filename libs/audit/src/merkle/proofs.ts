import { hashChildren, merkleRoot, splitPoint } from './rfc6962.js';

/** RFC 6962 §2.1.1 PATH(m, D[n]): the audit path of leaf m. */
export function inclusionProof(leafIndex: number, leaves: readonly Uint8Array[], from = 0, to = leaves.length): Buffer[] {
  const n = to - from;
  if (leafIndex < 0 || leafIndex >= n) throw new RangeError('leaf index outside the tree');
  if (n === 1) return [];
  const k = splitPoint(n);
  if (leafIndex < k) return [...inclusionProof(leafIndex, leaves, from, from + k), merkleRoot(leaves, from + k, to)];
  return [...inclusionProof(leafIndex - k, leaves, from + k, to), merkleRoot(leaves, from, from + k)];
}

/** RFC 6962 §2.1.2 PROOF(m, D[n]): that the first m leaves are a prefix of the n. */
export function consistencyProof(m: number, leaves: readonly Uint8Array[]): Buffer[] {
  const n = leaves.length;
  if (m < 0 || m > n) throw new RangeError('first size outside the tree');
  if (m === 0 || m === n) return [];
  return subproof(m, leaves, 0, n, true);
}

function subproof(m: number, leaves: readonly Uint8Array[], from: number, to: number, complete: boolean): Buffer[] {
  const n = to - from;
  if (m === n) return complete ? [] : [merkleRoot(leaves, from, to)];
  const k = splitPoint(n);
  if (m <= k) return [...subproof(m, leaves, from, from + k, complete), merkleRoot(leaves, from + k, to)];
  return [...subproof(m - k, leaves, from + k, to, false), merkleRoot(leaves, from, from + k)];
}

/** RFC 9162 §2.1.3.2: recompute the root from a leaf and its audit path. */
export function verifyInclusion(leafIndex: number, treeSize: number, leafHash: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (leafIndex < 0 || leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(Buffer.from(root));
}

const isPowerOfTwo = (n: number): boolean => n > 0 && (n & (n - 1)) === 0;

/** RFC 9162 §2.1.4.2: check that the tree of size2 extends the tree of size1. */
export function verifyConsistency(size1: number, size2: number, proof: readonly Uint8Array[], root1: Uint8Array, root2: Uint8Array): boolean {
  if (size1 < 0 || size2 < size1) return false;
  if (size1 === size2) return proof.length === 0 && Buffer.from(root1).equals(Buffer.from(root2));
  if (size1 === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Buffer = Buffer.from(path[0]!);
  let sr: Buffer = Buffer.from(path[0]!);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.equals(Buffer.from(root1)) && sr.equals(Buffer.from(root2)) && sn === 0;
}
