import { Injectable } from '@nestjs/common';
import type { StoredAuditEntry } from '../audit-entry.js';
import { AuditLogRepository } from '../audit-log.repository.js';
import { CheckpointSigner } from '../checkpoint-signer.js';
import { leafHashOf } from '../leaf-hash.js';
import { verifyAuditLog, type VerificationReport } from './audit-verifier.js';

const PAGE = 5000;

@Injectable()
export class VerifyAuditLogUseCase {
  constructor(
    private readonly log: AuditLogRepository,
    private readonly signer: CheckpointSigner,
  ) {}

  async execute(): Promise<VerificationReport> {
    const log = this.log;
    async function* pages(): AsyncIterable<StoredAuditEntry[]> {
      let after = '0';
      for (;;) {
        const page = await log.scan(after, PAGE);
        if (page.length === 0) return;
        yield page;
        after = page.at(-1)!.seq;
      }
    }
    return verifyAuditLog({
      pages: pages(),
      checkpoints: await this.log.checkpoints(),
      signatureValid: (checkpoint) => this.signer.verify(checkpoint),
      leafHashOf,
    });
  }
}
