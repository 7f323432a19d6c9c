import { Injectable } from '@nestjs/common';
import type { Checkpoint } from '../audit-entry.js';
import { AuditLogRepository } from '../audit-log.repository.js';
import { CheckpointSigner } from '../checkpoint-signer.js';

/** Signs the current (size, root, time). Signing the same size twice keeps the first checkpoint. */
@Injectable()
export class CreateCheckpointUseCase {
  constructor(
    private readonly log: AuditLogRepository,
    private readonly signer: CheckpointSigner,
  ) {}

  async execute(): Promise<Checkpoint> {
    const head = await this.log.head();
    const checkpoint = this.signer.sign(head.size, head.root, new Date());
    await this.log.saveCheckpoint(checkpoint);
    const stored = (await this.log.checkpoints()).find((candidate) => candidate.treeSize === head.size);
    return stored ?? checkpoint;
  }

  /** For the scheduler: sign only when the log grew since the last checkpoint. */
  async executeIfGrown(): Promise<Checkpoint | undefined> {
    const [head, checkpoints] = await Promise.all([this.log.head(), this.log.checkpoints()]);
    const last = checkpoints.at(-1)?.treeSize ?? 0;
    return head.size > last ? this.execute() : undefined;
  }
}
