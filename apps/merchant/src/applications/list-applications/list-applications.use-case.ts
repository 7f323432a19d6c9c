import { Injectable } from '@nestjs/common';
import { pageSize } from '#libs/db';
import type { Application } from '../application.js';
import { ApplicationRepository, type Page } from '../application.repository.js';

/** The merchant's own applications and upgrade requests, newest first. */
@Injectable()
export class ListApplicationsUseCase {
  constructor(private readonly applications: ApplicationRepository) {}

  execute(merchantId: string, limit: number | undefined, cursor: string | undefined): Promise<Page<Application>> {
    return this.applications.listOwned(merchantId, pageSize(limit), cursor);
  }
}
