import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from '#libs/observability';
import { LOGGER } from '#libs/observability';
import { CreateCheckpointUseCase } from './create-checkpoint.use-case.js';

export const CHECKPOINT_INTERVAL_MS = Symbol('CheckpointIntervalMs');

/** Signs a checkpoint at a fixed interval whenever the log has grown. */
@Injectable()
export class CheckpointScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly createCheckpoint: CreateCheckpointUseCase,
    @Inject(CHECKPOINT_INTERVAL_MS) private readonly intervalMs: number,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0) return;
    this.timer = setInterval(() => {
      this.createCheckpoint.executeIfGrown().then(
        (checkpoint) => checkpoint && this.logger.info({ treeSize: checkpoint.treeSize }, 'Signed audit checkpoint'),
        (error: unknown) => this.logger.warn({ err: error }, 'Could not sign an audit checkpoint'),
      );
    }, this.intervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
