import type { Logger } from '#libs/observability';
import { describe, expect, it, vi } from 'vitest';
import { ExpiredKeySweeper } from './expired-key-sweeper.js';
import { IdempotencyStore } from './idempotency-store.js';

class CountingStore extends IdempotencyStore {
  constructor(private expired: number) {
    super();
  }
  claim = vi.fn();
  complete = vi.fn();
  release = vi.fn();
  purgeExpired = vi.fn(async (limit: number) => {
    const deleted = Math.min(limit, this.expired);
    this.expired -= deleted;
    return deleted;
  });
}

const logger = { info: vi.fn(), warn: vi.fn() } as unknown as Logger;

describe('ExpiredKeySweeper', () => {
  it('deletes batch after batch until every expired key is gone', async () => {
    const store = new CountingStore(2_500);
    await expect(new ExpiredKeySweeper(store, 60_000, logger).sweep()).resolves.toBe(2_500);
    expect(store.purgeExpired).toHaveBeenCalledTimes(3);
  });

  it('survives a failing database and tries again on the next tick', async () => {
    const store = new CountingStore(10);
    store.purgeExpired.mockRejectedValueOnce(new Error('connection refused'));
    const sweeper = new ExpiredKeySweeper(store, 60_000, logger);
    await expect(sweeper.sweep()).resolves.toBe(0);
    expect(logger.warn).toHaveBeenCalled();
    await expect(sweeper.sweep()).resolves.toBe(10);
  });
});
