import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageSize } from './cursor.js';
import { isUuidV7, uuidV7, uuidV7Time } from './uuid-v7.js';

describe('uuidV7', () => {
  it('carries its creation time to the millisecond', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (at) => {
        const id = uuidV7(at);
        expect(isUuidV7(id)).toBe(true);
        expect(uuidV7Time(id)!.getTime()).toBe(at.getTime());
      }),
    );
  });

  it('sorts by time and never repeats', () => {
    const ids = Array.from({ length: 2000 }, (_, index) => uuidV7(new Date(1_700_000_000_000 + index)));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(uuidV7Time('not-a-uuid')).toBeUndefined();
    expect(uuidV7Time('6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBeUndefined();
  });
});

describe('cursor', () => {
  it('round-trips and refuses anything it did not issue', () => {
    const cursor = { at: new Date('2025-05-01T12:00:00.123Z'), id: '0196874a-d5e0-7000-8000-000000000000' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor(undefined)).toBeUndefined();
    for (const bad of ['x', Buffer.from('{"t":"2025-01-01","i":"1; drop"}').toString('base64url'), Buffer.from('[]').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }));
    }
  });

  it('defaults the page size to 50 and caps it at 500', () => {
    expect(pageSize(0)).toBe(50);
    expect(pageSize(undefined)).toBe(50);
    expect(pageSize(7)).toBe(7);
    expect(pageSize(10_000)).toBe(500);
  });
});
