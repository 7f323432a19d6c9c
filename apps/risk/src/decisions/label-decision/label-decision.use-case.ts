import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { auditActorOf, type Caller } from '../../shared/caller.js';
import type { DecisionSummary, Label } from '../decision-record.js';
import { DecisionRepository } from '../decision.repository.js';

/** Analyst ground truth for backtests. Relabelling is allowed and audited each time. */
@Injectable()
export class LabelDecisionUseCase {
  constructor(private readonly decisions: DecisionRepository) {}

  async execute(caller: Caller, id: string, label: Label): Promise<DecisionSummary> {
    const labelled = await this.decisions.label(id, label, caller.subjectId, (decision, previous) => ({
      type: 'DECISION_LABELLED',
      actor: auditActorOf(caller),
      subjectId: decision.subjectId,
      payload: { decision_id: decision.id, label, previous_label: previous ?? null, decision: decision.outcome },
    }));
    if (!labelled) throw new DomainError('DECISION_NOT_FOUND', 'No such decision');
    return labelled;
  }
}
