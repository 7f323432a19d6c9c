import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type Logger } from '#libs/observability';
import { Clock } from '../../shared/clock.js';
import { RetentionRepository } from '../retention.repository.js';
import { RetentionPolicy } from '../retention-policy.js';

/**
 * Identity's part of the retention sweep, as of a time (the privacy service
 * schedules it and audits each run with these counts). Idempotent: a second
 * run as of the same time finds nothing left to do.
 */
@Injectable()
export class RunRetentionUseCase {
  constructor(
    private readonly retention: RetentionRepository,
    private readonly policy: RetentionPolicy,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(asOf?: Date): Promise<Record<string, number>> {
    const at = asOf ?? this.clock.now();
    const counts = await this.retention.apply(this.policy.cutoffs(at));
    const answer = {
      sessions_purged: counts.sessionsPurged,
      attempts_purged: counts.attemptsPurged,
      holds_ended: counts.holdsEnded,
      records_deleted: counts.recordsDeleted,
      erasure_receipts_purged: counts.erasureReceiptsPurged,
    };
    this.logger.info({ asOf: at.toISOString(), counts: answer }, 'Retention applied');
    return answer;
  }
}
