import type { ErrorKind } from './error-kind.js';

/**
 * The catalogue of stable error codes shared by every process. A code is
 * public API (see shared/API.md): add codes, never rename them.
 */
const CODES = {
  // Generic edge and validation codes.
  VALIDATION_FAILED: 'INVALID_INPUT',
  MALFORMED_JSON: 'INVALID_INPUT',
  BODY_TOO_LARGE: 'INVALID_INPUT',
  BODY_TOO_DEEP: 'INVALID_INPUT',
  URI_TOO_LONG: 'INVALID_INPUT',
  MALFORMED_URL: 'INVALID_INPUT',
  UNSUPPORTED_MEDIA_TYPE: 'INVALID_INPUT',
  BAD_REQUEST: 'INVALID_INPUT',
  MALFORMED_REQUEST: 'INVALID_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  TOKEN_INVALID: 'UNAUTHENTICATED',
  TOKEN_EXPIRED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  ROUTE_NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_ALLOWED: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  IDEMPOTENCY_KEY_REUSED: 'CONFLICT',
  IDEMPOTENCY_KEY_INVALID: 'INVALID_INPUT',
  IDEMPOTENCY_REQUEST_IN_PROGRESS: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'UNAVAILABLE',
  DATABASE_UNAVAILABLE: 'UNAVAILABLE',
  UPSTREAM_UNAVAILABLE: 'UNAVAILABLE',
  DEADLINE_EXCEEDED: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const satisfies Record<string, ErrorKind>;

const registry = new Map<string, ErrorKind>(Object.entries(CODES));

export type BuiltInErrorCode = keyof typeof CODES;

/**
 * Services add their own codes at module load, next to the use cases that
 * throw them, so the catalogue stays one lookup without one giant file.
 */
export function registerErrorCodes(codes: Record<string, ErrorKind>): void {
  for (const [code, kind] of Object.entries(codes)) {
    const existing = registry.get(code);
    if (existing && existing !== kind) {
      throw new Error(`Error code ${code} is already registered as ${existing}, not ${kind}`);
    }
    registry.set(code, kind);
  }
}

/** Unknown codes are INTERNAL: a code nobody registered is a programming error. */
export function kindOf(code: string): ErrorKind {
  return registry.get(code) ?? 'INTERNAL';
}

export function isKnownErrorCode(code: string): boolean {
  return registry.has(code);
}
