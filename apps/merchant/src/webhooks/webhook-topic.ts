/** The outbox topic of merchant status webhooks. */
export const WEBHOOK_TOPIC = 'merchant_webhook';
