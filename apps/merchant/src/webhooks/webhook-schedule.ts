import { exponentialBackoff, type DeliveryPolicy } from '#libs/outbox';

export interface WebhookRetrySettings {
  baseMs: number;
  factor: number;
  maxAttempts: number;
}

/**
 * How webhook deliveries are retried: attempt n waits base × factor^(n-1),
 * ±20%, and the failure of the last attempt dead-letters the event. The
 * defaults (60 s × 3^n, 8 attempts) keep trying for 14.6 to 21.9 hours.
 */
export function webhookRetryPolicy(settings: WebhookRetrySettings): DeliveryPolicy {
  return exponentialBackoff({ maxAttempts: settings.maxAttempts, baseMs: settings.baseMs, factor: settings.factor });
}
