/** What happened when a request tried to claim its idempotency key. */
export type IdempotencyClaim = { kind: 'new' } | { kind: 'replay'; status: number; body: unknown } | { kind: 'mismatch' } | { kind: 'in_progress' };

export interface IdempotencyKeyRef {
  callerId: string;
  key: string;
}

/** Port: stored first responses, per caller and key. */
export abstract class IdempotencyStore {
  /** Atomically claims the key for this request, or reports what holds it. */
  abstract claim(ref: IdempotencyKeyRef, fingerprint: string): Promise<IdempotencyClaim>;
  /** Stores the first response, so replays return it without executing again. */
  abstract complete(ref: IdempotencyKeyRef, status: number, body: unknown): Promise<void>;
  /** Frees the key after a failure, so a retry executes. */
  abstract release(ref: IdempotencyKeyRef): Promise<void>;
  /** Deletes up to `limit` keys past their expiry; returns how many went. */
  abstract purgeExpired(limit: number): Promise<number>;
}
