import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { PermanentDeliveryError, type DeliveryPolicy, type PendingMessage, type TopicHandler } from '#libs/outbox';
import type { WebhookEvent } from '../applications/application.repository.js';
import { WebhookSender } from './webhook-sender.js';
import { WebhookRepository } from './webhook.repository.js';

/**
 * The outbox topic handler of merchant webhooks: looks up the merchant's
 * current URL and secret, and hands the event to the sender. Anything that
 * may pass later (receiver down, 4xx/5xx, privacy service away) is thrown
 * for the relay to retry on its schedule; a refusal that cannot pass by
 * itself (no webhook any more, disclosure refused) dead-letters at once,
 * for an admin to replay after fixing it.
 */
@Injectable()
export class WebhookDelivery {
  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly sender: WebhookSender,
  ) {}

  handler(policy: DeliveryPolicy): TopicHandler {
    return { policy, handle: (message) => this.handle(message) };
  }

  async handle(message: PendingMessage): Promise<void> {
    const event = message.payload as unknown as WebhookEvent;
    const target = await this.webhooks.find(event.merchant_id);
    if (!target) throw new PermanentDeliveryError('WEBHOOK_NOT_CONFIGURED');
    try {
      await this.sender.deliver(event, target);
    } catch (error) {
      if (DomainError.is(error) && (error.kind === 'FORBIDDEN' || error.kind === 'INVALID_INPUT')) throw new PermanentDeliveryError(error.code);
      throw error;
    }
  }
}
