import { DomainError } from '#libs/errors';
import { isDatabaseUnavailable, isInvalidDataError } from '#libs/db';
import { fromGrpcError, isServiceError } from './grpc-error.js';

export interface ClassifiedError {
  error: DomainError;
  /** Nothing about the input explains it: log it as a defect. */
  unexpected: boolean;
  /** What to log instead of the exception, when its message may quote the caller's input. */
  logged?: Record<string, unknown>;
}

/**
 * Everything a handler can throw, reduced to a DomainError. Anything we did
 * not anticipate is INTERNAL with a generic message: the original goes to the
 * log (redacted), never to the caller.
 */
export function classifyError(exception: unknown): ClassifiedError {
  if (DomainError.is(exception)) return { error: exception, unexpected: false };
  if (isDatabaseUnavailable(exception)) {
    return { error: new DomainError('DATABASE_UNAVAILABLE', 'The database is unavailable; retry later'), unexpected: false };
  }
  if (isServiceError(exception)) return { error: fromGrpcError(exception), unexpected: false };
  // Still logged as unexpected (a validator upstream let the value through), but by its SQLSTATE
  // only: PostgreSQL quotes the offending value in the message.
  if (isInvalidDataError(exception)) {
    return {
      error: new DomainError('VALIDATION_FAILED', 'A value in the request cannot be stored as given'),
      unexpected: true,
      logged: { sqlstate: sqlStateOf(exception) },
    };
  }
  return { error: new DomainError('INTERNAL', 'Internal error'), unexpected: true };
}

function sqlStateOf(exception: unknown): string | undefined {
  const candidate = exception as { code?: unknown; driverError?: { code?: unknown } };
  const code = candidate.driverError?.code ?? candidate.code;
  return typeof code === 'string' ? code : undefined;
}
