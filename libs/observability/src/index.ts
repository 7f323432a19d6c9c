export { runWithRequestContext, currentRequestContext, acceptRequestId, type RequestContext } from './context/request-context.js';
export { createLogger, type Logger, type LoggerOptions } from './logging/logger.js';
export { PinoNestLogger } from './logging/nest-logger.js';
export { redactValue, scrubText, isSensitiveKey, REDACTED } from './logging/redaction.js';
export { createMetricsRegistry, createHttpMetrics, createGrpcMetrics, type HttpMetrics, type GrpcMetrics } from './metrics/metrics-registry.js';
export { startMetricsServer } from './metrics/metrics-server.js';
export { exitOnShutdownSignal, exitOnBootFailure } from './process/graceful-shutdown.js';
export { LOGGER } from './logging/logger-token.js';
