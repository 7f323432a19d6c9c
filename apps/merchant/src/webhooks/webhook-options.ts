/** Deployment rules for merchant webhook URLs (from config). */
export interface WebhookUrlOptions {
  allowPrivateTargets: boolean;
  requireHttps: boolean;
}

export const WEBHOOK_URL_OPTIONS = Symbol('WebhookUrlOptions');
