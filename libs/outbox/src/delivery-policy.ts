/** How a topic retries: attempt n (1-based) waits `backoffMs(n)` after failing. */
export interface DeliveryPolicy {
  maxAttempts: number;
  backoffMs(attempt: number): number;
}

/** Exponential backoff with a cap and ±20% jitter so retries do not arrive in waves. */
export function exponentialBackoff(options: { maxAttempts: number; baseMs: number; factor?: number; capMs?: number; jitter?: boolean }): DeliveryPolicy {
  const factor = options.factor ?? 2;
  const cap = options.capMs ?? Number.MAX_SAFE_INTEGER;
  return {
    maxAttempts: options.maxAttempts,
    backoffMs(attempt) {
      const plain = Math.min(cap, options.baseMs * factor ** (attempt - 1));
      return options.jitter === false ? plain : Math.round(plain * (0.8 + Math.random() * 0.4));
    },
  };
}
