import type { DeadWebhook as DeadWebhookMessage, WebhookSettings } from '#contracts/merchant';
import { SIGNATURE_HEADER } from './webhook-signature.js';
import type { DeadWebhook, WebhookTarget } from './webhook.repository.js';

/** The settings as the merchant sees them: never the secret. */
export const toWebhookSettings = (target: WebhookTarget): WebhookSettings => ({
  url: target.url,
  signatureHeader: SIGNATURE_HEADER,
  updatedAt: target.updatedAt.toISOString(),
});

export const toDeadWebhookMessage = (dead: DeadWebhook): DeadWebhookMessage => ({
  id: dead.id,
  eventId: dead.eventId,
  eventType: dead.eventType,
  merchantId: dead.merchantId,
  applicationId: dead.applicationId,
  status: dead.status,
  attempts: dead.attempts,
  lastError: dead.lastError ?? undefined,
  createdAt: dead.createdAt.toISOString(),
  deliveryStatus: dead.deliveryStatus,
});
