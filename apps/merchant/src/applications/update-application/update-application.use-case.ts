import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { Clock } from '../../shared/clock.js';
import type { Application, ApplicationForm } from '../application.js';
import { ApplicationRepository } from '../application.repository.js';
import { DocumentReferences } from '../form/document-references.js';
import { mergeForm } from '../form/form-merge.js';
import { normaliseForm } from '../form/form-validation.js';
import { assertEditable } from '../status-machine.js';

export interface UpdateApplicationCommand {
  merchantId: string;
  actorId: string;
  applicationId: string;
  form: ApplicationForm;
  clearFields: string[];
}

/** Edits an application while it is DRAFT or NEEDS_INFO (409 APPLICATION_NOT_EDITABLE otherwise). */
@Injectable()
export class UpdateApplicationUseCase {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly documents: DocumentReferences,
    private readonly clock: Clock,
  ) {}

  async execute(command: UpdateApplicationCommand): Promise<Application> {
    const current = await this.applications.findOwned(command.merchantId, command.applicationId);
    if (!current) throw new DomainError('APPLICATION_NOT_FOUND', 'No such application');
    assertEditable(current.status);
    const merged = mergeForm(current.form, command.form, command.clearFields);
    const { form, violations } = normaliseForm(merged.form, { kind: current.kind, type: current.type });
    violations.unshift(...merged.violations);
    violations.push(...(await this.documents.check(command.merchantId, form)));
    if (violations.length > 0) throw new DomainError('APPLICATION_INVALID', 'The application has invalid fields', violations);
    const application: Application = { ...current, form, updatedAt: this.clock.now() };
    const saved = await this.applications.save({ application, expectedVersion: current.version, audit: [] });
    if (!saved.ok) throw new DomainError('CONCURRENT_MODIFICATION', 'The application changed meanwhile; read it again and retry');
    return saved.application;
  }
}
