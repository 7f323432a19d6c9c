import { describe, expect, it } from 'vitest';
import type { Caller } from './caller.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

const caller: Caller = { subjectId: 'm-user-1', roles: ['merchant'], merchantId: 'm-1' };

function cacheAt(start: number, options = { maxEntries: 3, ttlMs: 60_000 }) {
  const clock = { now: start };
  return { clock, cache: new VerifiedTokenCache(options, () => clock.now) };
}

describe('VerifiedTokenCache', () => {
  it('answers a known token until the token expires', () => {
    const { clock, cache } = cacheAt(1_000_000);
    cache.set('t1', caller, 1_010_000);
    expect(cache.get('t1')).toEqual(caller);
    clock.now = 1_009_999;
    expect(cache.get('t1')).toEqual(caller);
    clock.now = 1_010_000;
    expect(cache.get('t1')).toBeUndefined();
    expect(cache.get('unknown')).toBeUndefined();
  });

  it('forgets a long-lived token after the TTL, so its signature is checked again', () => {
    const { clock, cache } = cacheAt(0);
    cache.set('t1', caller, 12 * 3_600_000);
    clock.now = 59_999;
    expect(cache.get('t1')).toEqual(caller);
    clock.now = 60_000;
    expect(cache.get('t1')).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const { cache } = cacheAt(0);
    for (const token of ['a', 'b', 'c', 'd']) cache.set(token, { ...caller, subjectId: token }, 3_600_000);
    expect(cache.get('a')).toBeUndefined();
    expect(['b', 'c', 'd'].map((token) => cache.get(token)?.subjectId)).toEqual(['b', 'c', 'd']);
  });

  it('hands out copies: a handler changing its caller cannot change the next request’s', () => {
    const { cache } = cacheAt(0);
    cache.set('t1', caller, 3_600_000);
    const first = cache.get('t1')!;
    first.roles.push('admin');
    first.subjectId = 'someone-else';
    expect(cache.get('t1')).toEqual(caller);
  });
});
