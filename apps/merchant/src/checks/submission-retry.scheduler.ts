import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Logger } from '#libs/observability';
import { ApplicationRepository } from '../applications/application.repository.js';
import { CHECK_LEASE_MS } from '../applications/submit-application/submit-application.use-case.js';
import { Clock } from '../shared/clock.js';
import { RunSubmissionChecksUseCase, SUBMISSION_RETRY, type SubmissionRetrySettings } from './run-submission-checks/run-submission-checks.use-case.js';

/**
 * The background job that finishes submissions an upstream outage left
 * SUBMITTED: it leases the ones whose retry is due (one worker each, across
 * instances) and runs their checks again.
 */
@Injectable()
export class SubmissionRetryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly applications: ApplicationRepository,
    private readonly checks: RunSubmissionChecksUseCase,
    private readonly clock: Clock,
    @Inject(SUBMISSION_RETRY) private readonly settings: SubmissionRetrySettings,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const tick = (): void => {
      this.running = this.pass()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'Submission retry pass failed'))
        .finally(() => {
          this.running = undefined;
          if (this.timer) this.timer = setTimeout(tick, this.settings.pollIntervalMs);
        });
    };
    this.timer = setTimeout(tick, this.settings.pollIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass over due applications; returns how many it checked. */
  async pass(): Promise<number> {
    const ids = await this.applications.claimDueForChecks(this.clock.now(), CHECK_LEASE_MS, 10);
    for (const id of ids) {
      const application = await this.checks.execute(id).catch((error: unknown) => {
        this.logger.warn({ err: error, applicationId: id }, 'Submission checks failed; the lease expires and the job tries again');
        return undefined;
      });
      if (application) this.logger.info({ applicationId: id, status: application.status }, 'Submission checks retried');
    }
    return ids.length;
  }
}
