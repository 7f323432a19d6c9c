/** Class id of risk's advisory locks ('RISK'), so they never collide with another service's. */
export const RISK_LOCK_SPACE = 0x5249534b;

/** 32-bit FNV-1a: a collision only makes two unrelated keys wait for each other. */
export function lockKey(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/**
 * Opens the transaction and takes every lock of the batch in one round trip.
 * Keys are sorted, so two transactions always lock in the same order and can
 * never deadlock. The keys are integers we computed, so inlining them is safe
 * (and lets BEGIN ride in the same simple-protocol message).
 */
export function beginWithLocksSql(keys: Iterable<number>): string {
  const sorted = [...new Set(keys)].sort((a, b) => a - b);
  // Generic plans for the named statements of this transaction: see the ledger.
  const begin = 'BEGIN; SET LOCAL plan_cache_mode = force_generic_plan';
  if (sorted.length === 0) return begin;
  // A function scan over a literal array yields its elements in order, so the locks are taken sorted.
  return `${begin}; SELECT count(pg_advisory_xact_lock(${RISK_LOCK_SPACE}, k)) FROM unnest(ARRAY[${sorted.join(',')}]::int4[]) AS k`;
}
