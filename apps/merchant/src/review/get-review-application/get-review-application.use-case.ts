import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import type { Application } from '../../applications/application.js';
import { ApplicationRepository } from '../../applications/application.repository.js';

/** Any application, for staff: rendered masked, with its check results, decisions and history. */
@Injectable()
export class GetReviewApplicationUseCase {
  constructor(private readonly applications: ApplicationRepository) {}

  async execute(applicationId: string): Promise<Application> {
    const application = await this.applications.findById(applicationId);
    if (!application) throw new DomainError('APPLICATION_NOT_FOUND', 'No such application');
    return application;
  }
}
