import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { status as GrpcStatus, type Metadata, type ServerUnaryCall } from '@grpc/grpc-js';
import { acceptRequestId, runWithRequestContext, type GrpcMetrics } from '#libs/observability';
import { DomainError } from '#libs/errors';
import { Observable, throwError } from 'rxjs';
import { isMalformedRequest } from '../proto/malformed-requests.js';
import { classifyError } from '../errors/classify-error.js';
import { STATUS_BY_KIND } from '../errors/status-mapping.js';

export const REQUEST_ID_METADATA_KEY = 'x-request-id';
export const CALLER_METADATA_KEY = 'x-caller-id';

function firstString(metadata: Metadata | undefined, key: string): string | undefined {
  const value = metadata?.get(key)[0];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Runs each call inside its request context (request id from the caller's
 * metadata, so one id follows a request across processes) and records
 * metrics by service, method and status.
 */
@Injectable()
export class GrpcContextInterceptor implements NestInterceptor {
  constructor(private readonly metrics: GrpcMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const metadata = context.getArgByIndex<Metadata | undefined>(1);
    const call = context.getArgByIndex<ServerUnaryCall<unknown, unknown> | undefined>(2);
    const [, service = 'unknown', method = context.getHandler().name] = call?.getPath?.().split('/') ?? [];
    const requestContext = {
      requestId: acceptRequestId(firstString(metadata, REQUEST_ID_METADATA_KEY)),
      callerId: firstString(metadata, CALLER_METADATA_KEY),
    };
    if (isMalformedRequest(context.getArgByIndex(0))) {
      this.metrics.observe(service, method, 'INVALID_ARGUMENT', 0);
      return throwError(() => new DomainError('MALFORMED_REQUEST', 'The request is not a valid protobuf message of this method'));
    }
    const started = process.hrtime.bigint();
    const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
    return new Observable((subscriber) =>
      runWithRequestContext(requestContext, () =>
        next.handle().subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            this.metrics.observe(service, method, GrpcStatus[STATUS_BY_KIND[classifyError(error).error.kind]], seconds());
            subscriber.error(error);
          },
          complete: () => {
            this.metrics.observe(service, method, 'OK', seconds());
            subscriber.complete();
          },
        }),
      ),
    );
  }
}
