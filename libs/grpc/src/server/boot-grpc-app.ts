import type { DynamicModule } from '@nestjs/common';
import type { GrpcServiceConfig } from '#libs/config';
import { createLogger, createMetricsRegistry, exitOnBootFailure, exitOnShutdownSignal, type Logger } from '#libs/observability';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { GrpcServiceDescriptor } from '../proto/services.js';
import { startGrpcService } from './start-grpc-service.js';

/** What the boot hands each module: the process's logger and metrics registry. */
export interface GrpcAppPlatform {
  logger: Logger;
  metrics: Registry;
}

export interface GrpcAppDefinition<C extends GrpcServiceConfig> {
  app: string;
  descriptor: GrpcServiceDescriptor;
  extraServices?: GrpcServiceDescriptor[];
  loadConfig: () => C;
  module: (config: C, platform: GrpcAppPlatform) => DynamicModule;
}

/**
 * The whole `main.ts` of a backend: validated config (a bad key stops the
 * boot, named), logger, metrics, gRPC server, readiness tied to the
 * database, and a clean shutdown on SIGINT/SIGTERM.
 */
export function bootGrpcApp<C extends GrpcServiceConfig>(definition: GrpcAppDefinition<C>): void {
  const logger = createLogger({ app: definition.app });
  const boot = async (): Promise<void> => {
    const config = definition.loadConfig();
    logger.level = config.LOG_LEVEL;
    const metrics = createMetricsRegistry(definition.app);
    const service = await startGrpcService({
      module: definition.module(config, { logger, metrics }),
      descriptor: definition.descriptor,
      extraServices: definition.extraServices,
      config,
      logger,
      metrics,
      readinessProbe: (app) => app.get(DataSource).query('SELECT 1'),
    });
    exitOnShutdownSignal(logger, () => service.close());
  };
  boot().catch((error: unknown) => exitOnBootFailure(logger, error));
}
