import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyListHits, type ListName } from '../lists/list-names.js';
import type { RuleRun } from './cel/compile-expression.js';
import { decide } from './decide.js';
import type { RulesetDocument } from './ruleset.js';

const doc: RulesetDocument = {
  description: 'test',
  reviewThreshold: 40,
  denyThreshold: 80,
  rules: [
    { id: 'a', reasonCode: 'A', description: 'A hit.', expression: 'true', score: 30 },
    { id: 'b', reasonCode: 'B', description: 'B hit.', expression: 'true', score: 30 },
    { id: 'force_review', reasonCode: 'FR', description: 'Forces review.', expression: 'true', score: 5, outcome: 'REVIEW' },
    { id: 'force_deny', reasonCode: 'FD', description: 'Forces deny.', expression: 'true', score: 0, outcome: 'DENY' },
    { id: 'force_allow', reasonCode: 'FA', description: 'Forces allow.', expression: 'true', score: -20, outcome: 'ALLOW' },
    { id: 'big', reasonCode: 'BIG', description: 'Big.', expression: 'true', score: 100 },
  ],
};

const HIT: RuleRun = { result: 'HIT' };
const MISS: RuleRun = { result: 'NO_HIT' };
const ERR: RuleRun = { result: 'ERROR', error: 'boom' };

function runs(hits: string[], errors: string[] = []): RuleRun[] {
  return doc.rules.map((rule) => (hits.includes(rule.id) ? HIT : errors.includes(rule.id) ? ERR : MISS));
}

function lists(...names: ListName[]): Record<ListName, boolean> {
  const hits = emptyListHits();
  for (const name of names) hits[name] = true;
  return hits;
}

describe('decide', () => {
  it('sums hit scores against the thresholds', () => {
    expect(decide(doc, runs(['a']), lists())).toMatchObject({ score: 30, outcome: 'ALLOW', decidedBy: 'threshold' });
    expect(decide(doc, runs(['a', 'b']), lists())).toMatchObject({ score: 60, outcome: 'REVIEW' });
    expect(decide(doc, runs(['a', 'big']), lists())).toMatchObject({ score: 100, outcome: 'DENY' });
  });

  it('ignores errored rules', () => {
    expect(decide(doc, runs(['a'], ['big', 'force_deny']), lists())).toMatchObject({ score: 30, outcome: 'ALLOW', hitRules: ['a'] });
  });

  it('applies forced outcomes: DENY over ALLOW over REVIEW, REVIEW only raises', () => {
    expect(decide(doc, runs(['force_review']), lists())).toMatchObject({ outcome: 'REVIEW', decidedBy: 'forced_rule' });
    expect(decide(doc, runs(['force_review', 'a', 'big']), lists())).toMatchObject({ outcome: 'DENY', decidedBy: 'threshold' });
    expect(decide(doc, runs(['force_allow', 'big']), lists())).toMatchObject({ outcome: 'ALLOW', score: 80 });
    expect(decide(doc, runs(['force_allow', 'force_deny']), lists())).toMatchObject({ outcome: 'DENY' });
  });

  it('puts lists before rules: ID/card blocks always deny, the device allow list beats device and IP blocks', () => {
    expect(decide(doc, runs(['force_allow']), lists('device_block'))).toMatchObject({ outcome: 'DENY', decidedBy: 'list' });
    expect(decide(doc, runs(['big']), lists('device_allow', 'device_block', 'ip_block'))).toMatchObject({ outcome: 'ALLOW', decidedBy: 'list' });
    expect(decide(doc, runs([]), lists('device_allow', 'card_block'))).toMatchObject({ outcome: 'DENY' });
    expect(decide(doc, runs([]), lists('device_allow', 'id_block'))).toMatchObject({ outcome: 'DENY' });
  });

  it('gives list reasons first, then forced rules, then by score', () => {
    const verdict = decide(doc, runs(['a', 'big', 'force_review']), lists('ip_block'));
    expect(verdict.reasons.map((reason) => reason.code)).toEqual(['IP_BLOCKED', 'FR', 'BIG', 'A']);
  });

  it('keeps the score in 0..100 and denies any blocked ID number whatever the rules say', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(HIT, MISS, ERR), { minLength: doc.rules.length, maxLength: doc.rules.length }), fc.boolean(), (ruleRuns, allow) => {
        const verdict = decide(doc, ruleRuns, lists('id_block', ...(allow ? (['device_allow'] as const) : [])));
        expect(verdict.score).toBeGreaterThanOrEqual(0);
        expect(verdict.score).toBeLessThanOrEqual(100);
        expect(verdict.outcome).toBe('DENY');
      }),
    );
  });
});
