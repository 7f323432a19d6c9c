import type { WebhookEvent } from '../applications/application.repository.js';
import type { WebhookTarget } from './webhook.repository.js';

/** Port: one signed delivery attempt of one event to one merchant's receiver. Throws when it was not accepted. */
export abstract class WebhookSender {
  abstract deliver(event: WebhookEvent, target: WebhookTarget): Promise<void>;
}
