import type { AuditRecord } from '#libs/audit';
import type { Page } from '../applications/application.repository.js';

export interface WebhookTarget {
  merchantId: string;
  url: string;
  secret: string;
  updatedAt: Date;
}

/** A webhook event that ran out of attempts (or was replayed since). */
export interface DeadWebhook {
  id: string;
  eventId: string;
  eventType: string;
  merchantId: string;
  applicationId: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  deliveryStatus: 'DEAD' | 'PENDING' | 'DELIVERED';
}

/** Port: merchants' webhook settings (the secret encrypted at rest) and dead-lettered deliveries. */
export abstract class WebhookRepository {
  abstract upsert(target: WebhookTarget, actorId: string): Promise<WebhookTarget>;
  abstract find(merchantId: string): Promise<WebhookTarget | undefined>;
  abstract listDead(merchantId: string | undefined, limit: number, cursor?: string): Promise<Page<DeadWebhook>>;
  /** Queues a dead delivery again with a fresh attempt budget, audited in the same transaction; undefined when no such dead delivery. */
  abstract replayDead(id: string, audit: AuditRecord): Promise<DeadWebhook | undefined>;
}
