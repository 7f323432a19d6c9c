import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type Logger } from '#libs/observability';
import { Clock } from '../../shared/clock.js';
import { RetentionRepository } from '../retention.repository.js';
import { RetentionPolicy } from '../retention-policy.js';

/**
 * Merchant's part of the retention sweep, as of a time (the privacy service
 * schedules it and audits each run with these counts): ends expired holds,
 * purges abandoned drafts and uploads, delivered outbox messages and old
 * erasure receipts. Idempotent: a second run as of the same time finds
 * nothing left to do.
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
      holds_ended: counts.holdsEnded,
      records_deleted: counts.recordsDeleted,
      documents_deleted: counts.documentsDeleted,
      drafts_purged: counts.draftsPurged,
      outbox_purged: counts.outboxPurged,
      erasure_receipts_purged: counts.erasureReceiptsPurged,
    };
    this.logger.info({ asOf: at.toISOString(), counts: answer }, 'Retention applied');
    return answer;
  }
}
