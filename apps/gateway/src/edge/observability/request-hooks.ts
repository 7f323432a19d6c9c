import { acceptRequestId, runWithRequestContext, type HttpMetrics, type Logger } from '#libs/observability';
import type { FastifyInstance } from 'fastify';

const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Every request gets an id (the caller's, if it is plain, or a new one),
 * echoed in the response and carried in the async context into log lines
 * and gRPC metadata. Metrics and the access log use the route template,
 * never the raw URL, which may hold ids.
 */
export function installRequestHooks(fastify: FastifyInstance, logger: Logger, metrics: HttpMetrics): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const requestId = acceptRequestId(request.headers[REQUEST_ID_HEADER]);
    void reply.header(REQUEST_ID_HEADER, requestId);
    runWithRequestContext({ requestId }, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.observe(request.method, route, reply.statusCode, seconds);
    logger.info({ method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    done();
  });
}
