import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan } from './json-body-parser.js';

const depthOf = (value: unknown): number =>
  value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value as Record<string, unknown>).map(depthOf)) : 0;

describe('jsonNestsDeeperThan', () => {
  it('agrees with the depth of the parsed value, whatever the strings hold', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 10 }), (value, limit) => {
        expect(jsonNestsDeeperThan(Buffer.from(JSON.stringify(value)), limit)).toBe(depthOf(value) > limit);
      }),
      { numRuns: 1000 },
    );
  });

  it('ignores brackets and escaped quotes inside strings', () => {
    expect(jsonNestsDeeperThan(Buffer.from(JSON.stringify({ a: '[[[[{{{{\\"[[[[', b: '中文[' })), 1)).toBe(false);
    expect(jsonNestsDeeperThan(Buffer.from(JSON.stringify({ a: 'ends in a backslash \\', b: [[[]]] })), 2)).toBe(true);
    expect(jsonNestsDeeperThan(Buffer.from(JSON.stringify({ a: 'ends in a backslash \\', b: [[[]]] })), 4)).toBe(false);
    expect(jsonNestsDeeperThan(Buffer.from('{"a":"never closed [[[['), 1)).toBe(false);
    expect(jsonNestsDeeperThan(Buffer.from('['.repeat(5000) + ']'.repeat(5000)), 32)).toBe(true);
    expect(jsonNestsDeeperThan(Buffer.from(`{"x":${'{"x":'.repeat(2000)}1${'}'.repeat(2000)}}`), 32)).toBe(true);
  });
});
