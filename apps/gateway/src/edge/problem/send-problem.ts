import type { Logger } from '#libs/observability';
import { currentRequestContext } from '#libs/observability';
import type { FastifyReply } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type Problem } from './problem.js';
import { toProblem } from './to-problem.js';

export function sendProblem(reply: FastifyReply, exception: unknown, logger: Logger): Problem {
  const problem = toProblem(exception);
  if (problem.unexpected) logger.error(problem.logged ?? { err: exception }, 'Unexpected error while serving a request');
  const requestId = currentRequestContext()?.requestId;
  void reply
    .status(problem.status)
    .headers({ ...problem.headers, 'content-type': PROBLEM_CONTENT_TYPE })
    .send({ ...problem.body, ...(requestId ? { request_id: requestId } : {}) });
  return problem;
}
