import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';

const invalid = { code: 'CURSOR_INVALID' };

describe('list cursors', () => {
  it('round-trips the sort key of the last row', () => {
    const cursor = encodeCursor({ dueAt: '2026-12-07T00:00:00.000Z', id: 'a1' });
    expect(decodeCursor(cursor, ['dueAt', 'id'] as const)).toEqual({ dueAt: '2026-12-07T00:00:00.000Z', id: 'a1' });
  });

  it('refuses garbage, a missing or empty key, and a value outside the given format', () => {
    expect(() => decodeCursor('not a cursor', ['seq'] as const)).toThrow(expect.objectContaining(invalid));
    expect(() => decodeCursor(encodeCursor({ other: 1 }), ['seq'] as const)).toThrow(expect.objectContaining(invalid));
    expect(() => decodeCursor(encodeCursor({ seq: '' }), ['seq'] as const)).toThrow(expect.objectContaining(invalid));
    expect(() => decodeCursor(encodeCursor({ seq: 'abc' }), ['seq'] as const, { seq: /^\d+$/ })).toThrow(expect.objectContaining(invalid));
    expect(decodeCursor(encodeCursor({ seq: 42 }), ['seq'] as const, { seq: /^\d+$/ })).toEqual({ seq: '42' });
  });
});
