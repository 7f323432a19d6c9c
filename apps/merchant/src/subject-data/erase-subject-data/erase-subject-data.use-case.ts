import { Inject, Injectable } from '@nestjs/common';
import type { HeldCategory } from '#contracts/subject_data';
import { DomainError } from '#libs/errors';
import { LOGGER, type Logger } from '#libs/observability';
import { Clock } from '../../shared/clock.js';
import { heldCategories } from '../held-category.js';
import type { ErasureMode } from '../merchant-records.js';
import { RetentionPolicy } from '../retention-policy.js';
import { SubjectDataRepository } from '../subject-data.repository.js';

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

/** Recorded on the merchant's history and audit entry when CLOSE_ACCOUNT closes it (no personal data). */
const CLOSE_REASON = { field: 'application', reason: 'Account closed at the account holder’s request (data-subject request)' };

/**
 * DELETE and CLOSE_ACCOUNT for merchant (docs/merchant.md, "Data-subject
 * rights and retention"): applications that never became a merchant go,
 * with their documents; an onboarded merchant's records are customer due
 * diligence, kept but restricted under the anti-money-laundering hold.
 * CLOSE_ACCOUNT closes the merchant and starts the hold; DELETE leaves the
 * relationship (and the hold end) open. Idempotent per request id.
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
    const result = await this.subjects.erase({
      ...command,
      at: this.clock.now(),
      holdUntil: (endedAt) => this.policy.holdUntil(endedAt),
      closedBy: { type: 'MERCHANT', id: command.subjectId },
      closeReasons: [CLOSE_REASON],
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
