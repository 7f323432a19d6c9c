import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainError, kindOf, type FieldViolation } from '#libs/errors';
import { classifyError, errorPayloadOf, isServiceError, KIND_BY_STATUS } from '#libs/grpc';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { CODE_BY_HTTP_STATUS, HTTP_STATUS_BY_CODE, HTTP_STATUS_BY_KIND, TITLE_BY_KIND } from './http-status.js';
import { problemType, type Problem } from './problem.js';

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_REQ_FILE_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_PARTS_LIMIT: 'BODY_TOO_LARGE',
  FST_FILES_LIMIT: 'BODY_TOO_LARGE',
  FST_FIELDS_LIMIT: 'BODY_TOO_LARGE',
  FST_PROTO_VIOLATION: 'BAD_REQUEST',
  FST_ERR_MAX_PARAM_LENGTH: 'URI_TOO_LONG',
  FST_ERR_BAD_URL: 'MALFORMED_URL',
};

const DETAIL_BY_CODE: Record<string, string> = {
  MALFORMED_JSON: 'The request body is not valid JSON',
  BODY_TOO_LARGE: 'The request body is too large',
  UNSUPPORTED_MEDIA_TYPE: 'The request content type is not supported here',
  ROUTE_NOT_FOUND: 'No such route',
  METHOD_NOT_ALLOWED: 'Method not allowed on this route',
  RATE_LIMITED: 'Too many requests; retry later',
  BAD_REQUEST: 'The request could not be read',
  URI_TOO_LONG: 'A path segment is longer than 256 characters',
  MALFORMED_URL: 'The URL is not validly encoded',
  SERVICE_UNAVAILABLE: 'A backend service is unavailable; retry later',
  INTERNAL: 'Internal error',
};

const snakeCase = (path: string): string => path.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

function fromDomain(error: DomainError, unexpected: boolean, violations = error.violations): Problem {
  const status = HTTP_STATUS_BY_CODE[error.code] ?? HTTP_STATUS_BY_KIND[error.kind];
  const headers: Record<string, string> = {};
  if (status === 401) headers['www-authenticate'] = 'Bearer';
  if (status === 429 || status === 503) headers['retry-after'] = '1';
  return {
    status,
    headers,
    unexpected,
    body: {
      type: problemType(error.code),
      title: TITLE_BY_KIND[error.kind],
      status,
      code: error.code,
      detail: error.kind === 'INTERNAL' ? DETAIL_BY_CODE['INTERNAL']! : error.message,
      ...(violations.length ? { errors: violations } : {}),
    },
  };
}

function fromHttpStatus(status: number, fallbackCode?: string): Problem {
  const code = (fallbackCode ?? CODE_BY_HTTP_STATUS[status]) || (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
  return fromDomain(new DomainError(code, DETAIL_BY_CODE[code] ?? 'The request could not be processed'), status >= 500);
}

/**
 * The single translation from anything thrown while serving a request to
 * problem+json. Messages come from our own code tables, never from input.
 */
export function toProblem(exception: unknown): Problem {
  if (DomainError.is(exception)) return fromDomain(exception, false);
  if (isServiceError(exception)) {
    const payload = errorPayloadOf(exception);
    if (payload) {
      const kind = KIND_BY_STATUS[exception.code as GrpcStatus] ?? kindOf(payload.code);
      const violations: FieldViolation[] = (payload.violations ?? []).map((violation) => ({
        ...violation,
        field: snakeCase(violation.field),
        message: violation.message.replace(/^\S+/, (word) => snakeCase(word)),
      }));
      return fromDomain(new DomainError(payload.code, exception.details || payload.code, violations, kind), kind === 'INTERNAL');
    }
    const { error } = classifyError(exception);
    return fromDomain(new DomainError(error.code, DETAIL_BY_CODE[error.code] ?? error.message, [], error.kind), error.kind === 'INTERNAL');
  }
  if (exception instanceof ThrottlerException) return fromHttpStatus(429);
  // Nest wraps Fastify's body-parser errors in an HttpException whose cause is the Fastify error.
  const fastify = exception as { code?: unknown; statusCode?: unknown; cause?: { code?: unknown } };
  const fastifyCode = [fastify?.code, fastify?.cause?.code].find((code): code is string => typeof code === 'string' && code in FASTIFY_CODES);
  if (fastifyCode) return fromHttpStatus(400, FASTIFY_CODES[fastifyCode]);
  if (exception instanceof HttpException) return fromHttpStatus(exception.getStatus());
  if (exception instanceof SyntaxError && typeof fastify?.statusCode === 'number') return fromHttpStatus(400, 'MALFORMED_JSON');
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) return fromHttpStatus(fastify.statusCode);
  const { error, unexpected, logged } = classifyError(exception);
  return { ...fromDomain(error, unexpected), ...(logged ? { logged } : {}) };
}
