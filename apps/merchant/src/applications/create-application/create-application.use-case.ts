import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../shared/clock.js';
import type { Application, ApplicationForm, MerchantType } from '../application.js';
import { ApplicationRepository } from '../application.repository.js';
import { DocumentReferences } from '../form/document-references.js';
import { normaliseForm } from '../form/form-validation.js';

export interface CreateApplicationCommand {
  merchantId: string;
  actorId: string;
  businessCode: string;
  type: MerchantType;
  form: ApplicationForm;
}

/**
 * Opens a DRAFT onboarding application. The merchant's business code is its
 * idempotency key: creating again with it returns the first application,
 * unchanged, whatever the second request carried.
 */
@Injectable()
export class CreateApplicationUseCase {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly documents: DocumentReferences,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateApplicationCommand): Promise<{ application: Application; created: boolean }> {
    const { form, violations } = normaliseForm(command.form, { kind: 'ONBOARDING', type: command.type });
    violations.push(...(await this.documents.check(command.merchantId, form)));
    if (violations.length > 0) throw new DomainError('APPLICATION_INVALID', 'The application has invalid fields', violations);
    const now = this.clock.now();
    const application: Application = {
      id: randomUUID(),
      merchantId: command.merchantId,
      createdBy: command.actorId,
      kind: 'ONBOARDING',
      businessCode: command.businessCode,
      type: command.type,
      status: 'DRAFT',
      level: 'L1',
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
    return this.applications.create(application);
  }
}
