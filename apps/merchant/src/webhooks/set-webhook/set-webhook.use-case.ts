import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { Clock } from '../../shared/clock.js';
import { WEBHOOK_URL_OPTIONS, type WebhookUrlOptions } from '../webhook-options.js';
import { readWebhookUrl } from '../webhook-url.js';
import { WebhookRepository, type WebhookTarget } from '../webhook.repository.js';

const SECRET = /^[\x21-\x7e]{16,256}$/;

/**
 * Sets the merchant's webhook URL and signing secret. The secret is stored
 * encrypted and never returned; every later status change is signed with it.
 * Events already queued go to the URL set when they are delivered.
 */
@Injectable()
export class SetWebhookUseCase {
  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly clock: Clock,
    @Inject(WEBHOOK_URL_OPTIONS) private readonly options: WebhookUrlOptions,
  ) {}

  async execute(command: { merchantId: string; actorId: string; url: string; secret: string }): Promise<WebhookTarget> {
    const url = readWebhookUrl(command.url, this.options);
    if (!SECRET.test(command.secret))
      throw new DomainError('VALIDATION_FAILED', 'The webhook secret is not acceptable', [
        { field: 'secret', code: 'SECRET_INVALID', message: 'secret must be 16 to 256 printable ASCII characters without spaces' },
      ]);
    return this.webhooks.upsert({ merchantId: command.merchantId, url, secret: command.secret, updatedAt: this.clock.now() }, command.actorId);
  }
}
