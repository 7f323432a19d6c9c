import 'reflect-metadata';
import type { DynamicModule, INestMicroservice, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type GrpcOptions } from '@nestjs/microservices';
import { ReflectionService } from '@grpc/reflection';
import { loadSync } from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import type { GrpcServiceConfig } from '#libs/config';
import { createGrpcMetrics, PinoNestLogger, startMetricsServer, type Logger } from '#libs/observability';
import type { Registry } from 'prom-client';
import { loadPackageDefinition } from '../proto/load-package-definition.js';
import { withTolerantDecoding } from '../proto/malformed-requests.js';
import { fullServiceName, type GrpcServiceDescriptor } from '../proto/services.js';
import { serverCredentials } from '../tls/credentials.js';
import { ServiceHealth } from '../health/service-health.js';
import { GrpcContextInterceptor } from './grpc-context.interceptor.js';
import { GrpcExceptionFilter } from './grpc-exception.filter.js';
import { grpcValidationPipe } from './grpc-validation.pipe.js';

export interface GrpcServiceOptions {
  module: Type<unknown> | DynamicModule;
  descriptor: GrpcServiceDescriptor;
  /** Further services this process serves beside its own (e.g. SubjectDataService). */
  extraServices?: GrpcServiceDescriptor[];
  config: GrpcServiceConfig;
  logger: Logger;
  metrics: Registry;
  /** Polled to report NOT_SERVING while a dependency (the database) is down. */
  readinessProbe?: (app: INestMicroservice) => Promise<unknown>;
  readinessIntervalMs?: number;
}

const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

const healthDefinition = () => loadSync(healthProtoPath, { keepCase: true });

/**
 * Boots a backend as a NestJS gRPC microservice with the platform's common
 * parts: health checking, server reflection, mutual TLS when configured,
 * request context, metrics, validation and the error filter.
 */
export interface RunningGrpcService {
  app: INestMicroservice;
  close(): Promise<void>;
}

export async function startGrpcService(options: GrpcServiceOptions): Promise<RunningGrpcService> {
  const { config, descriptor, logger } = options;
  const served = [descriptor, ...(options.extraServices ?? [])];
  const serviceName = fullServiceName(descriptor);
  const health = new ServiceHealth(served.map(fullServiceName));
  const grpcOptions: GrpcOptions = {
    transport: Transport.GRPC,
    options: {
      url: config.grpcUrl,
      package: served.map((service) => service.package),
      packageDefinition: withTolerantDecoding(loadPackageDefinition(served.map((service) => service.protoFile))),
      credentials: serverCredentials(config.grpcTls),
      maxReceiveMessageLength: MAX_MESSAGE_BYTES,
      maxSendMessageLength: MAX_MESSAGE_BYTES,
      gracefulShutdown: true,
      // Channelz keeps per-call statistics for a debugging service we do not expose; Prometheus has the figures.
      channelOptions: { 'grpc.enable_channelz': 0 },
      onLoadPackageDefinition: (definition, server) => {
        // Reflection describes the health service too, so tools such as grpcurl can call it.
        new ReflectionService({ ...definition, ...healthDefinition() }).addToServer(server);
        health.implementation.addToServer(server);
      },
    },
  };
  const app = await NestFactory.createMicroservice(options.module, { ...grpcOptions, logger: new PinoNestLogger(logger) });
  app.useGlobalFilters(new GrpcExceptionFilter(logger));
  app.useGlobalInterceptors(new GrpcContextInterceptor(createGrpcMetrics(options.metrics, 'server')));
  app.useGlobalPipes(grpcValidationPipe());

  await app.listen();
  const metricsServer = config.METRICS_PORT > 0 ? await startMetricsServer(options.metrics, config.METRICS_HOST, config.METRICS_PORT) : undefined;

  let ready = false;
  const probe = async (): Promise<void> => {
    let ok = true;
    try {
      await options.readinessProbe?.(app);
    } catch {
      ok = false;
    }
    if (ok !== ready) logger[ok ? 'info' : 'warn']({ service: serviceName }, ok ? 'Serving' : 'Not serving: a dependency is unavailable');
    ready = ok;
    health.set(ok);
  };
  await probe();
  const timer = setInterval(() => void probe(), options.readinessIntervalMs ?? 2000);
  timer.unref();

  logger.info({ url: config.grpcUrl, tls: Boolean(config.grpcTls) }, `${serviceName} listening`);
  return {
    app,
    async close() {
      // Report NOT_SERVING first so balancers stop routing here while in-flight calls finish.
      clearInterval(timer);
      health.set(false);
      metricsServer?.close();
      await app.close();
    },
  };
}
