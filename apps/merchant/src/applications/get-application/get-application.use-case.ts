import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import type { Application } from '../application.js';
import { ApplicationRepository } from '../application.repository.js';

/** A merchant reads its own applications; another merchant's is "not found", like one that does not exist. */
@Injectable()
export class GetApplicationUseCase {
  constructor(private readonly applications: ApplicationRepository) {}

  async execute(merchantId: string, applicationId: string): Promise<Application> {
    const application = await this.applications.findOwned(merchantId, applicationId);
    if (!application) throw new DomainError('APPLICATION_NOT_FOUND', 'No such application');
    return application;
  }
}
