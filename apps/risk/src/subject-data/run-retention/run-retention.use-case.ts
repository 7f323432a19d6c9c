import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type Logger } from '#libs/observability';
import { Clock } from '../../shared/clock.js';
import { RetentionRepository } from '../retention.repository.js';
import { RetentionPolicy } from '../retention-policy.js';

/**
 * Risk's part of the retention sweep, as of a time (the privacy service
 * schedules it and audits each run with these counts). Idempotent: a second
 * run as of the same time finds nothing left to do. Never touches the audit log.
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
    const now = this.clock.now();
    const at = asOf ?? now;
    const counts = await this.retention.apply(this.policy.cutoffs(at), now);
    const answer = {
      decisions_anonymised: counts.decisionsAnonymised,
      holds_ended: counts.holdsEnded,
      reviews_deleted: counts.reviewsDeleted,
      erasure_receipts_purged: counts.erasureReceiptsPurged,
      outbox_purged: counts.outboxPurged,
    };
    this.logger.info({ asOf: at.toISOString(), counts: answer }, 'Retention applied');
    return answer;
  }
}
