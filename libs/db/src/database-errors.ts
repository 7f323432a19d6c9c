/**
 * Connection-level failures: the database is away or restarting. Callers
 * turn these into UNAVAILABLE (retry later) instead of INTERNAL.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '08007', // connection exceptions
  '57P01',
  '57P02',
  '57P03', // admin shutdown, crash shutdown, cannot connect now
  '53300', // too many connections
]);
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection is not established/i,
  /terminating connection/i,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const candidate = error as { code?: unknown; message?: unknown; driverError?: unknown };
  if (typeof candidate.code === 'string' && (UNAVAILABLE_SQLSTATES.has(candidate.code) || UNAVAILABLE_ERRNOS.has(candidate.code))) return true;
  if (typeof candidate.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(candidate.message as string))) return true;
  return candidate.driverError !== undefined && candidate.driverError !== error && isDatabaseUnavailable(candidate.driverError);
}

/** SQLSTATE 23505: the row exists already. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const candidate = (error as { driverError?: { code?: string; constraint?: string }; code?: string; constraint?: string }) ?? {};
  const inner = candidate.driverError ?? candidate;
  return inner.code === '23505' && (constraint === undefined || inner.constraint === constraint);
}

/**
 * SQLSTATE class 22, data exception: a value PostgreSQL cannot take as given
 * (a NUL character in text, an out-of-range number, a malformed date or
 * uuid). Validation should have refused it first; when it did not, the caller
 * sent bad input, and that is what they are told, not "internal error".
 */
export function isInvalidDataError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const candidate = error as { code?: unknown; driverError?: unknown; name?: unknown };
  const code = typeof candidate.code === 'string' ? candidate.code : undefined;
  // pg errors carry a five-character SQLSTATE; errno strings (ECONNRESET) and others never start with 22.
  if (code && /^22[0-9A-Z]{3}$/.test(code)) return true;
  return candidate.driverError !== undefined && candidate.driverError !== error && isInvalidDataError(candidate.driverError);
}
