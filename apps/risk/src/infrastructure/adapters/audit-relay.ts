import type { PrivacyServiceClient } from '#contracts/privacy';
import { auditDelivery } from '#libs/audit';
import { createGrpcClient, PRIVACY_SERVICE, type GrpcClientHandle } from '#libs/grpc';
import type { Logger } from '#libs/observability';
import { OutboxRelay } from '#libs/outbox';
import type { DataSource } from 'typeorm';
import type { GrpcTlsFiles } from '#libs/config';

/** Delivers risk's audit outbox (ruleset, list and label changes) to the privacy service's log. */
export class AuditRelay {
  private readonly client: GrpcClientHandle<PrivacyServiceClient>;
  private readonly relay: OutboxRelay;

  constructor(dataSource: DataSource, privacyAddress: string, tls: GrpcTlsFiles | undefined, logger: Logger) {
    this.client = createGrpcClient<PrivacyServiceClient>(PRIVACY_SERVICE, { address: privacyAddress, tls });
    this.relay = new OutboxRelay({ schema: 'risk', dataSource, logger, topics: { audit: auditDelivery(this.client.client, 'risk') } });
  }

  start(): void {
    this.relay.start();
  }

  async stop(): Promise<void> {
    await this.relay.stop();
    this.client.close();
  }
}
