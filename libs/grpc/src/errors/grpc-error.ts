import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { DomainError, type FieldViolation } from '#libs/errors';
import { KIND_BY_STATUS, STATUS_BY_KIND } from './status-mapping.js';

/** Trailing metadata key that carries the stable code across the hop. */
export const ERROR_METADATA_KEY = 'x-kyc-error';

interface ErrorPayload {
  code: string;
  violations?: FieldViolation[];
}

export interface GrpcErrorObject {
  code: GrpcStatus;
  details: string;
  metadata: Metadata;
}

export function toGrpcError(error: DomainError): GrpcErrorObject {
  const metadata = new Metadata();
  const payload: ErrorPayload = { code: error.code, ...(error.violations.length ? { violations: error.violations } : {}) };
  metadata.set(ERROR_METADATA_KEY, JSON.stringify(payload));
  return { code: STATUS_BY_KIND[error.kind], details: error.message, metadata };
}

export function isServiceError(error: unknown): error is ServiceError {
  return typeof error === 'object' && error !== null && typeof (error as ServiceError).code === 'number' && 'metadata' in error;
}

/** Reads our code back from a failed call, or undefined for foreign or transport errors. */
export function errorPayloadOf(error: ServiceError): ErrorPayload | undefined {
  const raw = error.metadata?.get(ERROR_METADATA_KEY)[0];
  if (typeof raw !== 'string') return undefined;
  try {
    const parsed = JSON.parse(raw) as ErrorPayload;
    return typeof parsed.code === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const TRANSPORT_CODES: Partial<Record<GrpcStatus, string>> = {
  [GrpcStatus.UNAVAILABLE]: 'SERVICE_UNAVAILABLE',
  [GrpcStatus.DEADLINE_EXCEEDED]: 'DEADLINE_EXCEEDED',
  [GrpcStatus.CANCELLED]: 'SERVICE_UNAVAILABLE',
  [GrpcStatus.RESOURCE_EXHAUSTED]: 'RATE_LIMITED',
};

/**
 * Turns a failed downstream call into a DomainError so a service can rethrow
 * or handle it by code. Transport failures become SERVICE_UNAVAILABLE.
 */
export function fromGrpcError(error: unknown): DomainError {
  if (DomainError.is(error)) return error;
  if (!isServiceError(error)) return new DomainError('INTERNAL', 'Unexpected failure calling a dependency');
  const payload = errorPayloadOf(error);
  if (payload)
    return new DomainError(payload.code, error.details || payload.code, payload.violations ?? [], KIND_BY_STATUS[error.code as GrpcStatus] ?? 'INTERNAL');
  const code = TRANSPORT_CODES[error.code as GrpcStatus] ?? 'INTERNAL';
  return new DomainError(code, code === 'INTERNAL' ? 'A dependency failed' : 'A dependency is unavailable');
}
