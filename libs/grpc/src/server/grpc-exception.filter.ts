import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import type { Logger } from '#libs/observability';
import { throwError, type Observable } from 'rxjs';
import { classifyError } from '../errors/classify-error.js';
import { toGrpcError } from '../errors/grpc-error.js';

/** The one place a gRPC service maps domain codes to gRPC status. */
@Catch()
export class GrpcExceptionFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown): Observable<never> {
    const { error, unexpected, logged } = classifyError(exception);
    if (unexpected) this.logger.error(logged ?? { err: exception }, 'Unhandled error in gRPC handler');
    else if (error.kind === 'UNAVAILABLE' || error.kind === 'INTERNAL') this.logger.warn({ code: error.code }, error.message);
    return throwError(() => toGrpcError(error));
  }
}
