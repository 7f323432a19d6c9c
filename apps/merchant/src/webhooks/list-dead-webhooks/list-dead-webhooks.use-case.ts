import { Injectable } from '@nestjs/common';
import { pageSize } from '#libs/db';
import type { Page } from '../../applications/application.repository.js';
import { WebhookRepository, type DeadWebhook } from '../webhook.repository.js';

/** Admins: webhook events that ran out of attempts, oldest first, optionally of one merchant. */
@Injectable()
export class ListDeadWebhooksUseCase {
  constructor(private readonly webhooks: WebhookRepository) {}

  execute(query: { merchantId?: string; limit?: number; cursor?: string }): Promise<Page<DeadWebhook>> {
    return this.webhooks.listDead(query.merchantId, pageSize(query.limit), query.cursor);
  }
}
