import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHttpMetrics, createLogger, createMetricsRegistry, exitOnBootFailure, exitOnShutdownSignal, PinoNestLogger } from '#libs/observability';
import { loadGatewayConfig } from './config/gateway.config.js';
import { installRequestHooks } from './edge/observability/request-hooks.js';
import { mountOpenApi } from './edge/openapi/swagger.js';
import { answerClientError } from './edge/problem/client-error-problem.js';
import { ProblemFilter } from './edge/problem/problem.filter.js';
import { sendProblem } from './edge/problem/send-problem.js';
import { applySecurityHeaders } from './edge/security/security-headers.js';
import { installJsonBodyParser } from './edge/validation/json-body-parser.js';
import { gatewayValidationPipe } from './edge/validation/validation.pipe.js';
import { GatewayModule } from './gateway.module.js';

const logger = createLogger({ app: 'gateway' });

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  logger.level = config.LOG_LEVEL;
  const metrics = createMetricsRegistry('gateway');
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: 256 },
    return503OnClosing: true,
    clientErrorHandler: answerClientError,
    // Router refusals (a path segment over maxParamLength, bad percent-encoding) skip the error handler.
    frameworkErrors: (error: Error, _request: FastifyRequest, reply: FastifyReply) => void sendProblem(reply, error, logger),
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.register(config, logger, metrics), adapter, {
    logger: new PinoNestLogger(logger),
  });
  const fastify = app.getHttpAdapter().getInstance();
  installRequestHooks(fastify, logger, createHttpMetrics(metrics));
  // Body-parser and routing failures happen before Nest sees the request.
  fastify.setErrorHandler((error, _request, reply) => void sendProblem(reply, error, logger));
  await applySecurityHeaders(app, config.CORS_ALLOWED_ORIGINS);
  installJsonBodyParser(app, config.BODY_LIMIT_BYTES);
  app.useGlobalFilters(new ProblemFilter(logger));
  app.useGlobalPipes(gatewayValidationPipe());
  mountOpenApi(app);
  await app.listen({ port: config.GATEWAY_PORT, host: config.GATEWAY_HOST });
  logger.info({ url: `http://${config.GATEWAY_HOST}:${config.GATEWAY_PORT}` }, 'Gateway listening');
  exitOnShutdownSignal(logger, () => app.close());
}

main().catch((error: unknown) => exitOnBootFailure(logger, error));
