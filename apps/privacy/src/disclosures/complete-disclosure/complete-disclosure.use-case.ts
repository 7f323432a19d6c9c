import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import type { DisclosureOutcome } from '../disclosure.js';
import { DisclosureRepository } from '../disclosure.repository.js';

export interface CompleteDisclosureCommand {
  disclosureId: string;
  outcome: DisclosureOutcome;
  billed: boolean;
  latencyMs: number;
  resultCode?: string;
}

/** Closes a disclosure with what happened; the audit log gets a second entry. */
@Injectable()
export class CompleteDisclosureUseCase {
  constructor(private readonly disclosures: DisclosureRepository) {}

  async execute(command: CompleteDisclosureCommand): Promise<void> {
    const completedAt = new Date();
    const found = await this.disclosures.complete(command.disclosureId, { ...command, completedAt }, (disclosure) => ({
      source: 'privacy',
      sourceId: `disclosure:${disclosure.id}:completed`,
      type: 'DISCLOSURE_COMPLETED',
      actor: { type: 'service', id: disclosure.requestedBy },
      subjectId: disclosure.subjectId,
      payload: {
        disclosure_id: disclosure.id,
        recipient_id: disclosure.recipientId,
        purpose: disclosure.purpose,
        outcome: command.outcome,
        billed: command.billed,
        latency_ms: command.latencyMs,
        ...(command.resultCode ? { result_code: command.resultCode } : {}),
      },
      occurredAt: completedAt,
    }));
    if (!found) throw new DomainError('DISCLOSURE_NOT_FOUND', 'No such disclosure');
  }
}
