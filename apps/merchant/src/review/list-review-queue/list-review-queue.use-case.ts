import { Injectable } from '@nestjs/common';
import { pageSize } from '#libs/db';
import type { Application, ApplicationKind, ApplicationStatus } from '../../applications/application.js';
import { ApplicationRepository, type Page } from '../../applications/application.repository.js';

/** The review queue: applications in a status (IN_REVIEW by default), oldest submission first. */
@Injectable()
export class ListReviewQueueUseCase {
  constructor(private readonly applications: ApplicationRepository) {}

  execute(query: { status?: ApplicationStatus; kind?: ApplicationKind; limit?: number; cursor?: string }): Promise<Page<Application>> {
    return this.applications.listByStatus(query.status ?? 'IN_REVIEW', query.kind, pageSize(query.limit), query.cursor);
  }
}
