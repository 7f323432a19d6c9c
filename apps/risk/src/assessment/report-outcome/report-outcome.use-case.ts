import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { DecisionRepository } from '../../decisions/decision.repository.js';
import { requesterKindOf, type Caller } from '../../shared/caller.js';

/**
 * Identity reports whether the real-name check it assessed passed, so
 * "failed KYC attempts per device" counts real failures, not attempts.
 */
@Injectable()
export class ReportOutcomeUseCase {
  constructor(private readonly decisions: DecisionRepository) {}

  async execute(caller: Caller, decisionId: string, outcome: 'KYC_FAILED' | 'KYC_PASSED'): Promise<void> {
    const onlySubject = requesterKindOf(caller) === 'user' ? caller.subjectId : undefined;
    const updated = await this.decisions.recordKycOutcome(decisionId, outcome === 'KYC_FAILED', onlySubject);
    if (!updated) throw new DomainError('DECISION_NOT_FOUND', 'No such KYC decision');
  }
}
