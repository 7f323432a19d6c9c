/**
 * The few kinds of failure a caller can act on. Every error code belongs to
 * exactly one kind; transports map kinds (never classes) to their own status
 * vocabulary, so the mapping survives process boundaries.
 */
export type ErrorKind =
  'INVALID_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'PRECONDITION_FAILED' | 'RATE_LIMITED' | 'UNAVAILABLE' | 'INTERNAL';
