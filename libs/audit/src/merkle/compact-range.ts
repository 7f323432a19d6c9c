import { EMPTY_ROOT, hashChildren } from './rfc6962.js';

/**
 * The roots of the perfect subtrees that make up a tree of `size` leaves,
 * largest first (one per set bit of `size`). Appending a leaf and computing
 * the root both take O(log n), so the log never re-reads old entries to
 * extend its tree or sign a checkpoint.
 */
export class CompactRange {
  constructor(
    private size: number,
    private readonly hashes: Buffer[],
  ) {
    if (hashes.length !== popcount(size)) throw new Error(`A compact range of size ${size} needs ${popcount(size)} hashes, not ${hashes.length}`);
  }

  static empty(): CompactRange {
    return new CompactRange(0, []);
  }

  get treeSize(): number {
    return this.size;
  }

  get subtreeRoots(): readonly Buffer[] {
    return this.hashes;
  }

  append(leafHash: Buffer): void {
    this.hashes.push(leafHash);
    // Each trailing one bit of the old size is a full subtree that now pairs up.
    for (let n = this.size; n & 1; n >>= 1) {
      const right = this.hashes.pop()!;
      const left = this.hashes.pop()!;
      this.hashes.push(hashChildren(left, right));
    }
    this.size += 1;
  }

  root(): Buffer {
    if (this.hashes.length === 0) return EMPTY_ROOT;
    let root = this.hashes[this.hashes.length - 1]!;
    for (let i = this.hashes.length - 2; i >= 0; i--) root = hashChildren(this.hashes[i]!, root);
    return root;
  }
}

function popcount(n: number): number {
  let count = 0;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 2)) count += rest % 2;
  return count;
}
