import { HttpException } from '@nestjs/common';
import { BODY_LIMIT_BYTES } from './body-limit.js';
import { TencentApiError } from './tencent-api.error.js';

export interface TencentErrorView {
  status: number;
  code: string;
  message: string;
  retryAfterSeconds?: number;
}

/**
 * Maps anything thrown while serving a request to a Tencent error. Framework
 * errors (bad JSON, oversized body, unknown route) get fixed messages: a JSON
 * parser's message quotes the body, which holds personal data.
 */
export function toTencentError(exception: unknown): TencentErrorView {
  if (exception instanceof TencentApiError) {
    return { status: exception.status, code: exception.code, message: exception.message, retryAfterSeconds: exception.retryAfterSeconds };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return { status, code: 'InvalidAction', message: 'No such API. The sandbox README lists the endpoints.' };
    if (status === 413) return { status, code: 'RequestSizeLimitExceeded', message: `The request body exceeds ${BODY_LIMIT_BYTES} bytes.` };
    if (status === 415) return { status: 400, code: 'InvalidParameter', message: 'The request body must be sent as application/json.' };
    if (status < 500) return { status: 400, code: 'InvalidParameter', message: 'The request body is not a valid JSON object.' };
  }
  return { status: 500, code: 'InternalError', message: 'Internal error.' };
}
