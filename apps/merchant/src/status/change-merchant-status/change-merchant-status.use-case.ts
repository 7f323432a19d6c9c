import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import type { Application, Reason } from '../../applications/application.js';
import { ApplicationRepository } from '../../applications/application.repository.js';
import { readReasons } from '../../applications/reasons.js';
import { changeStatus } from '../../applications/status-change.js';
import { nextStatus } from '../../applications/status-machine.js';
import { Clock } from '../../shared/clock.js';

export type StatusAction = 'ACTIVATE' | 'SUSPEND' | 'CLOSE';

export interface ChangeMerchantStatusCommand {
  applicationId: string;
  actorId: string;
  action: StatusAction;
  reasons: Reason[];
}

/**
 * Admins move a merchant through its life: APPROVED → ACTIVE on activation,
 * ACTIVE ⇄ SUSPENDED, and CLOSED from any of those. Suspending, closing and
 * reinstating a suspended merchant need reasons; each is recorded with its
 * actor, time and reasons, audited and sent to the merchant's webhook.
 */
@Injectable()
export class ChangeMerchantStatusUseCase {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: ChangeMerchantStatusCommand): Promise<Application> {
    const application = await this.applications.findById(command.applicationId);
    if (!application) throw new DomainError('APPLICATION_NOT_FOUND', 'No such application');
    nextStatus(application.kind, application.status, command.action);
    const reasons = readReasons(command.reasons, command.action !== 'ACTIVATE' || application.status === 'SUSPENDED');
    const change = changeStatus(application, command.action, { type: 'ADMIN', id: command.actorId }, reasons, this.clock.now());
    const saved = await this.applications.save({
      ...change,
      application: { ...change.application, reasons: command.action === 'ACTIVATE' ? [] : reasons },
      expectedVersion: application.version,
    });
    if (!saved.ok) throw new DomainError('CONCURRENT_MODIFICATION', 'The merchant changed meanwhile; read it again and retry');
    return saved.application;
  }
}
