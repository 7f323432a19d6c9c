import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { Clock } from '../../shared/clock.js';
import { WebhookRepository, type DeadWebhook } from '../webhook.repository.js';

/**
 * Admins: after fixing the cause (the merchant's receiver is back), queue a
 * dead-lettered event again with a fresh attempt budget. It keeps its event
 * id, so a receiver that did get it once still dedupes it.
 */
@Injectable()
export class ReplayDeadWebhookUseCase {
  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: { id: string; actorId: string }): Promise<DeadWebhook> {
    if (!/^\d{1,18}$/.test(command.id)) throw new DomainError('DEAD_LETTER_NOT_FOUND', 'No such dead-lettered webhook');
    const replayed = await this.webhooks.replayDead(command.id, {
      type: 'OUTBOX_REPLAYED',
      actor: { type: 'staff', id: command.actorId },
      payload: { outbox_id: command.id, topic: 'merchant_webhook' },
      occurredAt: this.clock.now(),
    });
    if (!replayed) throw new DomainError('DEAD_LETTER_NOT_FOUND', 'No such dead-lettered webhook');
    return replayed;
  }
}
