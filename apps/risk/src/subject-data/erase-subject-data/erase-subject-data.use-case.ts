import { Inject, Injectable } from '@nestjs/common';
import type { HeldCategory } from '#contracts/subject_data';
import { DomainError } from '#libs/errors';
import { LOGGER, type Logger } from '#libs/observability';
import { Clock } from '../../shared/clock.js';
import { heldCategories } from '../held-category.js';
import { HELD_EVENT_TYPES, RetentionPolicy } from '../retention-policy.js';
import { SubjectDataRepository, type ErasureMode } from '../subject-data.repository.js';

export interface EraseSubjectDataCommand {
  subjectId: string;
  mode: ErasureMode;
  requestId: string;
}

export interface ErasureAnswer {
  deleted: number;
  anonymised: number;
  held: HeldCategory[];
}

/**
 * DELETE and CLOSE_ACCOUNT for risk (docs/risk.md, "Data-subject rights and
 * retention"): decisions about transactions are kept under the
 * anti-money-laundering hold but restricted out of every analyst use; every
 * other decision is irreversibly anonymised; the subject's velocity events
 * go. Block-list entries stay. Closing the account starts the hold.
 * Idempotent per request id.
 */
@Injectable()
export class EraseSubjectDataUseCase {
  constructor(
    private readonly subjects: SubjectDataRepository,
    private readonly policy: RetentionPolicy,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(command: EraseSubjectDataCommand): Promise<ErasureAnswer> {
    const at = this.clock.now();
    const result = await this.subjects.erase({
      ...command,
      at,
      ...(command.mode === 'CLOSE_ACCOUNT' ? { holdUntil: this.policy.holdUntil(at) } : {}),
      heldEventTypes: HELD_EVENT_TYPES,
    });
    if (result.status === 'CONFLICT') throw new DomainError('ERASURE_REQUEST_CONFLICT', 'This request id was already used for another erasure');
    const { deleted, anonymised, held } = result.outcome;
    this.logger.info(
      {
        dataRequestId: command.requestId,
        mode: command.mode,
        deleted,
        anonymised,
        held: held.reduce((sum, group) => sum + group.records, 0),
        replayed: result.status === 'REPLAYED',
      },
      'Subject data erased',
    );
    return { deleted, anonymised, held: heldCategories(held, this.policy) };
  }
}
