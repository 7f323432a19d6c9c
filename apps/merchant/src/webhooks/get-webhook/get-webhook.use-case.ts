import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { WebhookRepository, type WebhookTarget } from '../webhook.repository.js';

@Injectable()
export class GetWebhookUseCase {
  constructor(private readonly webhooks: WebhookRepository) {}

  async execute(merchantId: string): Promise<WebhookTarget> {
    const target = await this.webhooks.find(merchantId);
    if (!target) throw new DomainError('WEBHOOK_NOT_CONFIGURED', 'No webhook is set');
    return target;
  }
}
