import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { LOGGER, type Logger } from '#libs/observability';
import { RunSubmissionChecksUseCase } from '../../checks/run-submission-checks/run-submission-checks.use-case.js';
import { Clock } from '../../shared/clock.js';
import type { Application, Level } from '../application.js';
import { ApplicationRepository } from '../application.repository.js';
import { DocumentReferences } from '../form/document-references.js';
import { missingForSubmit } from '../form/form-validation.js';
import { changeStatus } from '../status-change.js';

export interface SubmitApplicationCommand {
  merchantId: string;
  actorId: string;
  applicationId: string;
  clientIp: string;
}

/** While the inline checks run, the background job leaves the application alone. */
export const CHECK_LEASE_MS = 60_000;

/**
 * DRAFT or NEEDS_INFO → SUBMITTED, once the form is complete; then the
 * automated checks run at once. The answer is the application after them:
 * IN_REVIEW, REJECTED with per-field reasons, or still SUBMITTED when an
 * upstream was unavailable (the background job retries it; it is neither
 * lost nor rejected).
 */
@Injectable()
export class SubmitApplicationUseCase {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly documents: DocumentReferences,
    private readonly checks: RunSubmissionChecksUseCase,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(command: SubmitApplicationCommand): Promise<Application> {
    const current = await this.applications.findOwned(command.merchantId, command.applicationId);
    if (!current) throw new DomainError('APPLICATION_NOT_FOUND', 'No such application');
    const now = this.clock.now();
    const change = changeStatus(current, 'SUBMIT', { type: 'MERCHANT', id: command.actorId }, [], now);
    const parent = current.parentId ? await this.applications.findById(current.parentId) : undefined;
    if (parent && parent.status !== 'ACTIVE') throw new DomainError('UPGRADE_NOT_ALLOWED', 'Only an ACTIVE merchant can be upgraded');
    const context = { kind: current.kind, type: current.type, ...(parent ? { upgrade: { target: current.level, from: parent.level as Level } } : {}) };
    const violations = [
      ...missingForSubmit(current.form, context, now.toISOString().slice(0, 10)),
      ...(await this.documents.check(command.merchantId, current.form)),
    ];
    if (violations.length > 0) throw new DomainError('APPLICATION_INCOMPLETE', 'The application is not complete enough to submit', violations);

    const application: Application = { ...change.application, checks: [], reasons: [], checkAttempts: 0, clientIp: command.clientIp, submittedAt: now };
    const saved = await this.applications.save({
      ...change,
      application,
      expectedVersion: current.version,
      // Due at once, but leased to this call: the job only takes it if this process dies mid-check.
      checkSchedule: { nextCheckAt: now, leaseUntil: new Date(now.getTime() + CHECK_LEASE_MS) },
    });
    if (!saved.ok) throw new DomainError('CONCURRENT_MODIFICATION', 'The application changed meanwhile; read it again and retry');
    try {
      return await this.checks.execute(application.id);
    } catch (error) {
      // The submission is recorded and leased; when the lease runs out the background job runs the checks.
      this.logger.warn({ err: error, applicationId: application.id }, 'Submission checks failed inline; the background job will run them');
      return saved.application;
    }
  }
}
