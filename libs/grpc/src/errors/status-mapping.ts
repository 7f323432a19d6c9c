import { status as GrpcStatus } from '@grpc/grpc-js';
import type { ErrorKind } from '#libs/errors';

export const STATUS_BY_KIND: Record<ErrorKind, GrpcStatus> = {
  INVALID_INPUT: GrpcStatus.INVALID_ARGUMENT,
  UNAUTHENTICATED: GrpcStatus.UNAUTHENTICATED,
  FORBIDDEN: GrpcStatus.PERMISSION_DENIED,
  NOT_FOUND: GrpcStatus.NOT_FOUND,
  CONFLICT: GrpcStatus.ALREADY_EXISTS,
  PRECONDITION_FAILED: GrpcStatus.FAILED_PRECONDITION,
  RATE_LIMITED: GrpcStatus.RESOURCE_EXHAUSTED,
  UNAVAILABLE: GrpcStatus.UNAVAILABLE,
  INTERNAL: GrpcStatus.INTERNAL,
};

/** For errors that arrive without our metadata (transport failures, foreign servers). */
export const KIND_BY_STATUS: Partial<Record<GrpcStatus, ErrorKind>> = {
  [GrpcStatus.INVALID_ARGUMENT]: 'INVALID_INPUT',
  [GrpcStatus.OUT_OF_RANGE]: 'INVALID_INPUT',
  [GrpcStatus.UNAUTHENTICATED]: 'UNAUTHENTICATED',
  [GrpcStatus.PERMISSION_DENIED]: 'FORBIDDEN',
  [GrpcStatus.NOT_FOUND]: 'NOT_FOUND',
  [GrpcStatus.ALREADY_EXISTS]: 'CONFLICT',
  [GrpcStatus.ABORTED]: 'CONFLICT',
  [GrpcStatus.FAILED_PRECONDITION]: 'PRECONDITION_FAILED',
  [GrpcStatus.RESOURCE_EXHAUSTED]: 'RATE_LIMITED',
  [GrpcStatus.UNAVAILABLE]: 'UNAVAILABLE',
  [GrpcStatus.DEADLINE_EXCEEDED]: 'UNAVAILABLE',
  [GrpcStatus.CANCELLED]: 'UNAVAILABLE',
};
