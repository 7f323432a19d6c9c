import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from '#libs/observability';
import type { FastifyReply } from 'fastify';
import { sendProblem } from './send-problem.js';

/** The gateway's one place that turns errors into HTTP responses. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    sendProblem(host.switchToHttp().getResponse<FastifyReply>(), exception, this.logger);
  }
}
