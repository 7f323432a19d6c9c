import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AUDIT_TOPIC } from '#libs/audit';
import { LOGGER, type Logger } from '#libs/observability';
import { OutboxRelay, type TopicHandler } from '#libs/outbox';
import { DataSource } from 'typeorm';
import { Clock } from '../../shared/clock.js';
import { WebhookDelivery } from '../../webhooks/webhook-delivery.js';
import { webhookRetryPolicy, type WebhookRetrySettings } from '../../webhooks/webhook-schedule.js';
import { WEBHOOK_TOPIC } from '../../webhooks/webhook-topic.js';

export const AUDIT_DELIVERY = Symbol('AuditDelivery');
export const OUTBOX_SETTINGS = Symbol('OutboxSettings');

export interface OutboxSettings {
  pollIntervalMs: number;
  webhookRetry: WebhookRetrySettings;
}

/**
 * Delivers this service's outbox: audit entries to the privacy service, and
 * status events to merchants' webhooks. Two relays, so that a slow merchant
 * receiver never delays the audit log. Both read time from the service
 * clock, so tests can move it.
 */
@Injectable()
export class MerchantOutboxRelays implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly audit: OutboxRelay;
  readonly webhooks: OutboxRelay;

  constructor(
    dataSource: DataSource,
    clock: Clock,
    delivery: WebhookDelivery,
    @Inject(AUDIT_DELIVERY) auditDelivery: TopicHandler,
    @Inject(OUTBOX_SETTINGS) settings: OutboxSettings,
    @Inject(LOGGER) logger: Logger,
  ) {
    const common = { schema: 'merchant', dataSource, logger, pollIntervalMs: settings.pollIntervalMs, clock: () => clock.now() };
    this.audit = new OutboxRelay({ ...common, topics: { [AUDIT_TOPIC]: auditDelivery } });
    // Small batches with a lease longer than a batch of 5 s timeouts: a redelivery only ever follows a crash.
    this.webhooks = new OutboxRelay({
      ...common,
      batchSize: 10,
      leaseMs: 120_000,
      topics: { [WEBHOOK_TOPIC]: delivery.handler(webhookRetryPolicy(settings.webhookRetry)) },
    });
  }

  onApplicationBootstrap(): void {
    this.audit.start();
    this.webhooks.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.audit.stop(), this.webhooks.stop()]);
  }
}
