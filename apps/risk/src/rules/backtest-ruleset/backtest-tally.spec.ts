import { describe, expect, it } from 'vitest';
import { BacktestTally } from './backtest-tally.js';

describe('BacktestTally', () => {
  it('counts transitions, outcomes, rule hits and precision/recall against labels', () => {
    const tally = new BacktestTally(['a', 'b']);
    tally.add('ALLOW', 'DENY', [{ result: 'HIT' }, { result: 'NO_HIT' }], 'FRAUD');
    tally.add('ALLOW', 'REVIEW', [{ result: 'HIT' }, { result: 'ERROR', error: 'x' }], 'LEGIT');
    tally.add('REVIEW', 'ALLOW', [{ result: 'NO_HIT' }, { result: 'NO_HIT' }], 'FRAUD');
    tally.add('ALLOW', 'ALLOW', [{ result: 'NO_HIT' }, { result: 'NO_HIT' }], undefined);
    const report = tally.report();
    expect(report).toMatchObject({ evaluated: 4, changed: 3, labelled: 3 });
    expect(report.transitions).toEqual([
      { from: 'ALLOW', to: 'REVIEW', count: 1 },
      { from: 'ALLOW', to: 'DENY', count: 1 },
      { from: 'REVIEW', to: 'ALLOW', count: 1 },
    ]);
    expect(report.candidateOutcomes).toEqual({ ALLOW: 2, REVIEW: 1, DENY: 1 });
    expect(report.recordedOutcomes).toEqual({ ALLOW: 3, REVIEW: 1, DENY: 0 });
    expect(report.candidateMetrics).toEqual({ truePositives: 1, falsePositives: 1, falseNegatives: 1, trueNegatives: 0, precision: 0.5, recall: 0.5 });
    expect(report.recordedMetrics).toEqual({ truePositives: 1, falsePositives: 0, falseNegatives: 1, trueNegatives: 1, precision: 1, recall: 0.5 });
    expect(report.ruleHits).toEqual([
      { ruleId: 'a', hits: 2, errors: 0 },
      { ruleId: 'b', hits: 0, errors: 1 },
    ]);
  });

  it('leaves precision undefined when nothing was flagged', () => {
    const tally = new BacktestTally([]);
    tally.add('ALLOW', 'ALLOW', [], 'LEGIT');
    expect(tally.report().candidateMetrics).toMatchObject({ precision: undefined, recall: undefined, trueNegatives: 1 });
  });
});
