import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompactRange } from './compact-range.js';
import { consistencyProof, inclusionProof, verifyConsistency, verifyInclusion } from './proofs.js';
import { EMPTY_ROOT, hashLeaf, merkleRoot } from './rfc6962.js';

// Test vectors of the RFC 6962 reference implementation (transparency-dev/merkle,
// testonly/constants.go and proof/verify_test.go).
const hex = (value: string): Buffer => Buffer.from(value, 'hex');
const LEAF_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hex);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
// [leaf (1-based), tree size, proof]
const INCLUSION: Array<[number, number, string[]]> = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [3, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    2,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];
const CONSISTENCY: Array<[number, number, string[]]> = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
  [
    6,
    7,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

const leafHashes = LEAF_INPUTS.map(hashLeaf);
const hexes = (buffers: Buffer[]): string[] => buffers.map((buffer) => buffer.toString('hex'));

describe('RFC 6962 Merkle tree', () => {
  it('computes the reference root of every prefix, directly and incrementally', () => {
    const range = CompactRange.empty();
    expect(range.root()).toEqual(EMPTY_ROOT);
    for (let size = 1; size <= 8; size++) {
      range.append(leafHashes[size - 1]!);
      expect(merkleRoot(leafHashes.slice(0, size)).toString('hex')).toBe(ROOTS[size]);
      expect(range.root().toString('hex')).toBe(ROOTS[size]);
    }
  });

  it.each(INCLUSION)('produces and verifies the reference inclusion proof of leaf %i in a tree of %i', (leaf, size, expected) => {
    const proof = inclusionProof(leaf - 1, leafHashes.slice(0, size));
    expect(hexes(proof)).toEqual(expected);
    expect(verifyInclusion(leaf - 1, size, leafHashes[leaf - 1]!, proof, hex(ROOTS[size]!))).toBe(true);
  });

  it.each(CONSISTENCY)('produces and verifies the reference consistency proof from %i to %i', (size1, size2, expected) => {
    const proof = consistencyProof(size1, leafHashes.slice(0, size2));
    expect(hexes(proof)).toEqual(expected);
    expect(verifyConsistency(size1, size2, proof, hex(ROOTS[size1]!), hex(ROOTS[size2]!))).toBe(true);
  });

  it('rejects corrupted inclusion proofs', () => {
    const proof = inclusionProof(5, leafHashes);
    const root = hex(ROOTS[8]!);
    expect(verifyInclusion(4, 8, leafHashes[5]!, proof, root)).toBe(false);
    expect(verifyInclusion(5, 16, leafHashes[5]!, proof, root)).toBe(false);
    expect(verifyInclusion(5, 8, leafHashes[4]!, proof, root)).toBe(false);
    expect(verifyInclusion(5, 8, leafHashes[5]!, proof.slice(0, -1), root)).toBe(false);
    expect(verifyInclusion(5, 8, leafHashes[5]!, [...proof, root], root)).toBe(false);
    const flipped = proof.map((node) => Buffer.from(node));
    flipped[1]![0]! ^= 8;
    expect(verifyInclusion(5, 8, leafHashes[5]!, flipped, root)).toBe(false);
  });

  it('rejects corrupted consistency proofs', () => {
    const proof = consistencyProof(6, leafHashes);
    const [root6, root8] = [hex(ROOTS[6]!), hex(ROOTS[8]!)];
    expect(verifyConsistency(5, 8, proof, root6, root8)).toBe(false);
    expect(verifyConsistency(6, 8, proof, root8, root6)).toBe(false);
    expect(verifyConsistency(6, 8, [], root6, root8)).toBe(false);
    expect(verifyConsistency(6, 8, proof.slice(0, -1), root6, root8)).toBe(false);
    expect(verifyConsistency(6, 8, [...proof, root8], root6, root8)).toBe(false);
  });

  it('agrees with itself on random trees (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 70 }), fc.nat(), fc.nat(), (inputs, a, b) => {
        const leaves = inputs.map(hashLeaf);
        const n = leaves.length;
        const range = CompactRange.empty();
        leaves.forEach((leaf) => range.append(leaf));
        const root = merkleRoot(leaves);
        expect(range.root()).toEqual(root);
        const index = a % n;
        expect(verifyInclusion(index, n, leaves[index]!, inclusionProof(index, leaves), root)).toBe(true);
        const m = (b % n) + 1;
        expect(verifyConsistency(m, n, consistencyProof(m, leaves), merkleRoot(leaves.slice(0, m)), root)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
