import { Injectable } from '@nestjs/common';
import { DataAccessLog } from '#libs/audit';
import { DomainError } from '#libs/errors';
import type { Application } from '../../applications/application.js';
import { ApplicationRepository } from '../../applications/application.repository.js';

/**
 * Any application, for staff: rendered masked, with its check results, decisions and history.
 * Opening it is on record (DATA_ACCESSED) before anything is shown.
 */
@Injectable()
export class GetReviewApplicationUseCase {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly accessLog: DataAccessLog,
  ) {}

  async execute(applicationId: string, reviewerId: string): Promise<Application> {
    const application = await this.applications.findById(applicationId);
    if (!application) throw new DomainError('APPLICATION_NOT_FOUND', 'No such application');
    // The person behind the record: the applicant, as for the onboarding checks' disclosures.
    const subjectId = application.createdBy ?? application.merchantId;
    await this.accessLog.record({ staffId: reviewerId, subjectId, view: 'merchant_application', recordId: application.id });
    return application;
  }
}
