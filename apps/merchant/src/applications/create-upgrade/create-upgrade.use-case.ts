import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../shared/clock.js';
import { LEVELS, type Application, type ApplicationForm, type Level } from '../application.js';
import { ApplicationRepository } from '../application.repository.js';
import { DocumentReferences } from '../form/document-references.js';
import { normaliseForm } from '../form/form-validation.js';

export interface CreateUpgradeCommand {
  merchantId: string;
  actorId: string;
  applicationId: string;
  targetLevel: Level;
  form: ApplicationForm;
}

/**
 * Opens an upgrade request on an ACTIVE merchant: its own DRAFT application,
 * edited and submitted like any other and reviewed on its own. L2 adds a
 * credit-card authorisation, L3 a business licence. One open request at a time.
 */
@Injectable()
export class CreateUpgradeUseCase {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly documents: DocumentReferences,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateUpgradeCommand): Promise<Application> {
    const merchant = await this.applications.findOwned(command.merchantId, command.applicationId);
    if (!merchant || merchant.kind !== 'ONBOARDING') throw new DomainError('APPLICATION_NOT_FOUND', 'No such application');
    if (merchant.status !== 'ACTIVE') throw new DomainError('UPGRADE_NOT_ALLOWED', `Only an ACTIVE merchant can be upgraded; this one is ${merchant.status}`);
    if (LEVELS.indexOf(command.targetLevel) <= LEVELS.indexOf(merchant.level))
      throw new DomainError('UPGRADE_NOT_ALLOWED', `The merchant is already at ${merchant.level}; an upgrade must ask for a higher level`);
    const { form, violations } = normaliseForm(command.form, { kind: 'UPGRADE', type: merchant.type });
    violations.push(...(await this.documents.check(command.merchantId, form)));
    if (violations.length > 0) throw new DomainError('APPLICATION_INVALID', 'The upgrade request has invalid fields', violations);
    const now = this.clock.now();
    const upgrade: Application = {
      id: randomUUID(),
      merchantId: command.merchantId,
      createdBy: command.actorId,
      kind: 'UPGRADE',
      type: merchant.type,
      status: 'DRAFT',
      level: command.targetLevel,
      parentId: merchant.id,
      form,
      checks: [],
      reasons: [],
      reviewRound: 0,
      approvalsRequired: 1,
      checkAttempts: 0,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    if (!(await this.applications.createUpgrade(upgrade))) throw new DomainError('UPGRADE_IN_PROGRESS', 'This merchant already has an open upgrade request');
    return upgrade;
  }
}
