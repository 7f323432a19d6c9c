import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '#libs/observability';
import { TencentApiError } from './tencent-api.error.js';
import { tencentError } from './tencent-envelope.js';
import { toTencentError } from './to-tencent-error.js';

/** Every error leaves the sandbox as `{ Response: { Error: { Code, Message }, RequestId } }`. */
@Catch()
export class TencentExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const view = toTencentError(exception);
    if (view.status >= 500 && !(exception instanceof TencentApiError)) {
      this.logger.error({ err: exception, route: request.routeOptions.url }, 'Unhandled error');
    }
    if (view.retryAfterSeconds !== undefined) void reply.header('retry-after', String(view.retryAfterSeconds));
    void reply.status(view.status).send(tencentError(view.code, view.message, request.id));
  }
}
