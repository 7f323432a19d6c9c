import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { LOGGER, type Logger } from '#libs/observability';
import { SYSTEM_ACTOR, type Application, type CheckResult } from '../../applications/application.js';
import { ApplicationRepository } from '../../applications/application.repository.js';
import { changeStatus } from '../../applications/status-change.js';
import { Clock } from '../../shared/clock.js';
import { checkVerdict, type CheckVerdict } from '../check-verdict.js';
import { SubmissionChecks } from '../submission-checks.js';

export interface SubmissionRetrySettings {
  baseMs: number;
  maxMs: number;
  pollIntervalMs: number;
}

export const SUBMISSION_RETRY = Symbol('SubmissionRetrySettings');

/** Attempt n waits base × 2^(n-1), capped, ±20% so that a recovering upstream is not hit in waves. */
export function retryDelayMs(attempt: number, settings: Pick<SubmissionRetrySettings, 'baseMs' | 'maxMs'>, random: () => number = Math.random): number {
  const plain = Math.min(settings.maxMs, settings.baseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(plain * (0.8 + random() * 0.4));
}

/**
 * Runs the automated checks of a SUBMITTED application and records what
 * they decided: IN_REVIEW (with the approvals needed), REJECTED with
 * per-field reasons, or still SUBMITTED with the next try scheduled. Used
 * right after submit and by the background job; a concurrent run loses
 * the version race and simply reads the winner's result.
 */
@Injectable()
export class RunSubmissionChecksUseCase {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly checks: SubmissionChecks,
    private readonly clock: Clock,
    @Inject(SUBMISSION_RETRY) private readonly retry: SubmissionRetrySettings,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(applicationId: string): Promise<Application> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const application = await this.applications.findById(applicationId);
      if (!application) throw new DomainError('APPLICATION_NOT_FOUND', 'No such application');
      if (application.status !== 'SUBMITTED') return application;
      const parent = application.parentId ? await this.applications.findById(application.parentId) : undefined;
      const results = await this.checks.run(application, this.clock.now(), parent);
      const saved = await this.record(application, results, checkVerdict(results));
      if (saved) return saved;
    }
    return (await this.applications.findById(applicationId))!;
  }

  private async record(application: Application, results: CheckResult[], verdict: CheckVerdict): Promise<Application | undefined> {
    const now = this.clock.now();
    const checked: Application = { ...application, checks: results, updatedAt: now };
    if (verdict.outcome === 'RETRY') {
      const attempts = application.checkAttempts + 1;
      const nextCheckAt = new Date(now.getTime() + retryDelayMs(attempts, this.retry));
      const unavailable = results.filter((result) => result.result === 'UNAVAILABLE').map((result) => `${result.check}:${result.detail ?? ''}`);
      this.logger.warn(
        { applicationId: application.id, attempts, unavailable, nextCheckAt },
        'Submission checks incomplete: an upstream is unavailable; will retry',
      );
      const saved = await this.applications.save({
        application: { ...checked, checkAttempts: attempts },
        expectedVersion: application.version,
        audit: [],
        checkSchedule: { nextCheckAt, leaseUntil: null },
      });
      return saved.ok ? saved.application : undefined;
    }
    if (verdict.outcome === 'REJECT') {
      const change = changeStatus(checked, 'FAIL_CHECKS', SYSTEM_ACTOR, verdict.reasons, now);
      const saved = await this.applications.save({
        ...change,
        application: { ...change.application, reasons: verdict.reasons, decidedAt: now },
        expectedVersion: application.version,
      });
      return saved.ok ? saved.application : undefined;
    }
    const change = changeStatus(checked, 'PASS_CHECKS', SYSTEM_ACTOR, [], now);
    const saved = await this.applications.save({
      ...change,
      application: { ...change.application, reasons: [], reviewRound: application.reviewRound + 1, approvalsRequired: verdict.approvalsRequired },
      expectedVersion: application.version,
      // Two submissions for the same company or person race here: the first into review wins, the other is rejected.
      guardDuplicates: application.kind === 'ONBOARDING',
    });
    if (saved.ok) return saved.application;
    if (saved.reason === 'STALE') return undefined;
    const withDuplicates: CheckResult[] = [
      ...results.filter((result) => result.check !== 'DUPLICATE'),
      ...saved.duplicates.map((duplicate): CheckResult => ({
        check: 'DUPLICATE',
        result: 'FAIL',
        detail: 'DUPLICATE_MERCHANT',
        field: duplicate.field,
        checkedAt: now.toISOString(),
      })),
    ];
    return this.record(application, withDuplicates, checkVerdict(withDuplicates));
  }
}
