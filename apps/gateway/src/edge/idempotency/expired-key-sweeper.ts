import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Logger } from '#libs/observability';
import { IdempotencyStore } from './idempotency-store.js';

export const IDEMPOTENCY_SWEEP_MS = Symbol('IdempotencySweepMs');
const BATCH = 1_000;

/**
 * A stored first response names its caller and may hold masked personal data,
 * so it lives no longer than the key's TTL: expired keys are deleted, not only
 * left for a later request to take over.
 */
@Injectable()
export class ExpiredKeySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: IdempotencyStore,
    @Inject(IDEMPOTENCY_SWEEP_MS) private readonly intervalMs: number,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Deletes every expired key, a batch at a time; returns how many went. */
  async sweep(): Promise<number> {
    if (this.running) return 0;
    let total = 0;
    this.running = (async () => {
      try {
        let deleted: number;
        do {
          deleted = await this.store.purgeExpired(BATCH);
          total += deleted;
        } while (deleted === BATCH);
        if (total > 0) this.logger.info({ deleted: total }, 'Expired idempotency keys deleted');
      } catch (error) {
        this.logger.warn({ err: error }, 'Idempotency key sweep failed; will retry');
      } finally {
        this.running = undefined;
      }
    })();
    await this.running;
    return total;
  }
}
