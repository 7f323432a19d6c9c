import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RuleRun } from './cel/compile-expression.js';
import { decodeRuns, encodeRuns } from './rule-runs-codec.js';

describe('rule runs codec', () => {
  it('round-trips any mix of hits, misses and errors', () => {
    const run = fc.oneof(
      fc.constant<RuleRun>({ result: 'HIT' }),
      fc.constant<RuleRun>({ result: 'NO_HIT' }),
      fc.string({ minLength: 1, maxLength: 20 }).map((error): RuleRun => ({ result: 'ERROR', error })),
    );
    fc.assert(
      fc.property(fc.array(run, { maxLength: 40 }), (runs) => {
        const rules = runs.map((_, index) => ({ id: `r${index}`, reasonCode: 'R', description: 'r.', expression: 'true', score: 1 }));
        const encoded = encodeRuns(rules, runs);
        expect(encoded.outcomes).toHaveLength(runs.length);
        expect(decodeRuns(rules, encoded.outcomes, encoded.errors)).toEqual(runs);
      }),
    );
  });
});
