import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Logger } from '#libs/observability';
import { DisclosureRepository } from '../disclosure.repository.js';
import { CompleteDisclosureUseCase } from './complete-disclosure.use-case.js';

export const DISCLOSURE_STALE_AFTER_MS = Symbol('DisclosureStaleAfterMs');

/**
 * A sender that dies between authorising and completing a disclosure leaves
 * it open. After a deadline well past any call's timeout, the record is
 * closed as UNKNOWN: the record never claims more than is known, and it
 * never stays without an outcome.
 */
@Injectable()
export class StaleDisclosureSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly disclosures: DisclosureRepository,
    private readonly complete: CompleteDisclosureUseCase,
    @Inject(DISCLOSURE_STALE_AFTER_MS) private readonly staleAfterMs: number,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.staleAfterMs <= 0) return;
    this.timer = setInterval(
      () => void this.sweep().catch((error: unknown) => this.logger.warn({ err: error }, 'Stale disclosure sweep failed')),
      Math.min(60_000, this.staleAfterMs),
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    const ids = await this.disclosures.staleIds(new Date(Date.now() - this.staleAfterMs), 100);
    for (const disclosureId of ids)
      await this.complete.execute({ disclosureId, outcome: 'UNKNOWN', billed: false, latencyMs: 0, resultCode: 'SENDER_NEVER_REPORTED' });
    if (ids.length) this.logger.warn({ count: ids.length }, 'Closed disclosures whose sender never reported an outcome');
    return ids.length;
  }
}
