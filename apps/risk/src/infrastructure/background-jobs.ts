import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Logger } from '#libs/observability';
import type { AuditRelay } from './adapters/audit-relay.js';
import type { PartitionMaintainer } from './persistence/partition-maintainer.js';

export const AUDIT_RELAY = Symbol('AuditRelay');
export const PARTITION_MAINTAINER = Symbol('PartitionMaintainer');
export const PARTITION_MAINTENANCE_MS = Symbol('PartitionMaintenanceMs');

/** Starts the audit relay and partition upkeep with the process and stops them before the pool closes. */
@Injectable()
export class BackgroundJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(AUDIT_RELAY) private readonly relay: AuditRelay | undefined,
    @Inject(PARTITION_MAINTAINER) private readonly partitions: PartitionMaintainer,
    @Inject(PARTITION_MAINTENANCE_MS) private readonly maintenanceMs: number,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.relay?.start();
    const maintain = (): void => {
      this.partitions.maintain().catch((error: unknown) => this.logger.warn({ err: error }, 'Partition maintenance failed; will retry'));
    };
    maintain();
    this.timer = setInterval(maintain, this.maintenanceMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.relay?.stop();
  }
}
