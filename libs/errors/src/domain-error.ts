import type { ErrorKind } from './error-kind.js';
import { kindOf } from './error-codes.js';

/** One problem with one input field. `field` is a path such as `owner.id_number`. */
export interface FieldViolation {
  field: string;
  code: string;
  message: string;
}

/**
 * The one error type domain code throws. It carries a stable UPPER_SNAKE code
 * rather than a subclass, because a string survives gRPC and HTTP hops and an
 * `instanceof` check does not.
 *
 * Messages must never contain personal data: they travel into logs, audit
 * entries and problem+json bodies.
 */
export class DomainError extends Error {
  readonly kind: ErrorKind;

  constructor(
    readonly code: string,
    message: string,
    readonly violations: FieldViolation[] = [],
    /** Only for errors relayed from another process, whose codes this one may not know. */
    kind?: ErrorKind,
  ) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind ?? kindOf(code);
  }

  static is(value: unknown): value is DomainError {
    return value instanceof DomainError;
  }
}
