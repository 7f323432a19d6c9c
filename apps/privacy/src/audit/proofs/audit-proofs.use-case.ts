import { Injectable } from '@nestjs/common';
import { consistencyProof, inclusionProof, merkleRoot } from '#libs/audit';
import { DomainError } from '#libs/errors';
import { AuditLogRepository } from '../audit-log.repository.js';

/**
 * RFC 6962 proofs for outside auditors: that one entry is in the tree a
 * checkpoint signed, or that a newer checkpoint's tree extends an older one.
 */
@Injectable()
export class AuditProofsUseCase {
  constructor(private readonly log: AuditLogRepository) {}

  private async size(requested: number): Promise<number> {
    const { size } = await this.log.head();
    const treeSize = requested === 0 ? size : requested;
    if (treeSize > size) throw new DomainError('TREE_SIZE_INVALID', `The log has only ${size} entries`);
    return treeSize;
  }

  async inclusion(
    seq: number,
    requestedSize: number,
  ): Promise<{ leafIndex: number; treeSize: number; leafHash: Buffer; auditPath: Buffer[]; rootHash: Buffer }> {
    const treeSize = await this.size(requestedSize);
    if (seq < 1 || seq > treeSize) throw new DomainError('AUDIT_ENTRY_NOT_FOUND', 'No entry with that seq in a tree of that size');
    const leaves = await this.log.leafHashes(treeSize);
    return { leafIndex: seq - 1, treeSize, leafHash: leaves[seq - 1]!, auditPath: inclusionProof(seq - 1, leaves), rootHash: merkleRoot(leaves) };
  }

  async consistency(firstSize: number, requestedSecond: number): Promise<{ proof: Buffer[]; firstRoot: Buffer; secondRoot: Buffer }> {
    const secondSize = await this.size(requestedSecond);
    if (firstSize < 1 || firstSize > secondSize) throw new DomainError('TREE_SIZE_INVALID', 'first_size must be between 1 and second_size');
    const leaves = await this.log.leafHashes(secondSize);
    return { proof: consistencyProof(firstSize, leaves), firstRoot: merkleRoot(leaves.slice(0, firstSize)), secondRoot: merkleRoot(leaves) };
  }
}
