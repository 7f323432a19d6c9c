import { Injectable } from '@nestjs/common';
import type { AuditRecord } from '#libs/audit';
import { DomainError } from '#libs/errors';
import { randomUUID } from 'node:crypto';
import type { Actor, Application, Reason, ReviewDecision, ReviewDecisionKind } from '../../applications/application.js';
import { ApplicationRepository, type ApplicationChange } from '../../applications/application.repository.js';
import { readReasons } from '../../applications/reasons.js';
import { auditActor, changeStatus } from '../../applications/status-change.js';
import { nextStatus } from '../../applications/status-machine.js';
import { Clock } from '../../shared/clock.js';

export interface DecideReviewCommand {
  applicationId: string;
  reviewerId: string;
  decision: ReviewDecisionKind;
  reasons: Reason[];
}

/**
 * A reviewer's decision on an IN_REVIEW application: approve, reject with
 * per-field reasons, or request more information (NEEDS_INFO). When the
 * checks flagged the application (risk REVIEW or worse), it needs the
 * approvals of two different reviewers: the first is recorded and the
 * application stays IN_REVIEW. An approved upgrade moves the merchant to
 * its level. Every decision is an audit entry, written with the change.
 */
@Injectable()
export class DecideReviewUseCase {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: DecideReviewCommand): Promise<Application> {
    const reasons = readReasons(command.reasons, command.decision !== 'APPROVE');
    // Concurrent decisions race on the version; the loser reads the winner's and decides again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const application = await this.applications.findById(command.applicationId);
      if (!application) throw new DomainError('APPLICATION_NOT_FOUND', 'No such application');
      const change = await this.changeFor(application, command, reasons);
      const saved = await this.applications.save(change);
      if (saved.ok) return saved.application;
    }
    throw new DomainError('CONCURRENT_MODIFICATION', 'The application keeps changing; read it again and retry');
  }

  private async changeFor(application: Application, command: DecideReviewCommand, reasons: Reason[]): Promise<ApplicationChange> {
    const event = command.decision === 'REQUEST_INFO' ? 'REQUEST_INFO' : command.decision;
    nextStatus(application.kind, application.status, event);
    const now = this.clock.now();
    const reviewer: Actor = { type: 'REVIEWER', id: command.reviewerId };
    const round = (await this.applications.decisions(application.id)).filter((decision) => decision.round === application.reviewRound);
    const approvals = round.filter((decision) => decision.decision === 'APPROVE');
    if (command.decision === 'APPROVE' && approvals.some((decision) => decision.reviewerId === command.reviewerId))
      throw new DomainError('SECOND_REVIEWER_REQUIRED', 'This application needs the approval of a different reviewer');

    const decision: ReviewDecision = {
      id: randomUUID(),
      applicationId: application.id,
      round: application.reviewRound,
      reviewerId: command.reviewerId,
      decision: command.decision,
      reasons,
      decidedAt: now,
    };
    const approvalsAfter = approvals.length + (command.decision === 'APPROVE' ? 1 : 0);
    if (application.kind === 'UPGRADE' && command.decision === 'APPROVE' && approvalsAfter >= application.approvalsRequired) {
      const merchant = await this.applications.findById(application.parentId!);
      if (merchant?.status !== 'ACTIVE')
        throw new DomainError('UPGRADE_NOT_ALLOWED', `The merchant is ${merchant?.status ?? 'gone'}; only an ACTIVE merchant can be upgraded`);
    }
    const decisionAudit: AuditRecord = {
      type: 'REVIEW_DECISION',
      actor: auditActor(reviewer),
      subjectId: application.merchantId,
      payload: {
        application_id: application.id,
        kind: application.kind,
        decision_id: decision.id,
        decision: decision.decision,
        round: decision.round,
        approvals: approvalsAfter,
        approvals_required: application.approvalsRequired,
        reasons,
      },
      occurredAt: now,
    };

    if (command.decision === 'APPROVE' && approvalsAfter < application.approvalsRequired)
      return { application: { ...application, updatedAt: now }, expectedVersion: application.version, decision, audit: [decisionAudit] };

    const status = changeStatus(application, event, reviewer, reasons, now);
    const updated: Application = { ...status.application, reasons: command.decision === 'APPROVE' ? [] : reasons, decidedAt: now };
    return {
      ...status,
      application: updated,
      expectedVersion: application.version,
      decision,
      audit: [decisionAudit, ...status.audit],
      ...(application.kind === 'UPGRADE' && command.decision === 'APPROVE' ? { parentLevel: { id: application.parentId!, level: application.level } } : {}),
    };
  }
}
