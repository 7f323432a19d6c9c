import { Metadata, status } from '@grpc/grpc-js';
import { HttpException, NotFoundException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainError } from '#libs/errors';
import { describe, expect, it } from 'vitest';
import { toProblem } from './to-problem.js';

function grpcError(code: status, payload?: object): Error {
  const metadata = new Metadata();
  if (payload) metadata.set('x-kyc-error', JSON.stringify(payload));
  return Object.assign(new Error('grpc'), { code, details: 'from the service', metadata });
}

describe('toProblem', () => {
  it('maps domain codes by kind, keeping the code and violations', () => {
    const problem = toProblem(
      new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field: 'name', code: 'IS_STRING', message: 'name must be a string' }]),
    );
    expect(problem).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', status: 400, type: 'urn:kyc-gateway:problem:validation-failed', errors: [{ field: 'name' }] },
    });
  });

  it('maps a service error by gRPC status and carries its code, with snake_case fields', () => {
    const problem = toProblem(
      grpcError(status.PERMISSION_DENIED, { code: 'CONSENT_REQUIRED', violations: [{ field: 'idNumber', code: 'X', message: 'idNumber is bad' }] }),
    );
    expect(problem).toMatchObject({
      status: 403,
      body: { code: 'CONSENT_REQUIRED', detail: 'from the service', errors: [{ field: 'id_number', message: 'id_number is bad' }] },
    });
  });

  it('turns an unreachable backend into 503 with a retry hint, not 500', () => {
    expect(toProblem(grpcError(status.UNAVAILABLE))).toMatchObject({ status: 503, headers: { 'retry-after': '1' }, body: { code: 'SERVICE_UNAVAILABLE' } });
    expect(toProblem(grpcError(status.DEADLINE_EXCEEDED))).toMatchObject({ status: 504, body: { code: 'DEADLINE_EXCEEDED' } });
  });

  it('maps framework and parser failures to stable codes', () => {
    expect(toProblem(new NotFoundException())).toMatchObject({ status: 404, body: { code: 'ROUTE_NOT_FOUND' } });
    expect(toProblem(new ThrottlerException())).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
    expect(toProblem(new HttpException('x', 400, { cause: { code: 'FST_ERR_CTP_INVALID_JSON_BODY' } }))).toMatchObject({
      status: 400,
      body: { code: 'MALFORMED_JSON' },
    });
    expect(toProblem(Object.assign(new Error('big'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }))).toMatchObject({
      status: 413,
      body: { code: 'BODY_TOO_LARGE' },
    });
  });

  it('hides unexpected errors behind a generic 500 and flags them for the log', () => {
    const problem = toProblem(new Error('secret 11010519491231002X'));
    expect(problem).toMatchObject({ status: 500, unexpected: true, body: { code: 'INTERNAL', detail: 'Internal error' } });
    expect(JSON.stringify(problem.body)).not.toContain('11010519491231002X');
  });

  it('asks for a bearer token on 401', () => {
    expect(toProblem(new DomainError('TOKEN_EXPIRED', 'The token has expired'))).toMatchObject({ status: 401, headers: { 'www-authenticate': 'Bearer' } });
  });
});
