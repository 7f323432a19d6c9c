import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Logger } from '#libs/observability';
import { RunRetentionUseCase } from './run-retention.use-case.js';

export const RETENTION_INTERVAL_MS = Symbol('RetentionIntervalMs');

/** Runs the retention sweep on a schedule (daily by default). */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly retention: RunRetentionUseCase,
    @Inject(RETENTION_INTERVAL_MS) private readonly intervalMs: number,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0) return;
    this.timer = setInterval(() => {
      this.retention.execute(new Date(), 'retention-scheduler').then(
        ({ counts, failed }) => this.logger.info({ counts, failed }, 'Retention sweep done'),
        (error: unknown) => this.logger.warn({ err: error }, 'Retention sweep failed'),
      );
    }, this.intervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
