import type { Label } from '../../decisions/decision-record.js';
import { isFlagged, OUTCOMES, type Outcome } from '../../shared/outcome.js';
import type { RuleRun } from '../cel/compile-expression.js';

export interface LabelMetrics {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  /** Undefined when nothing was flagged (or nothing labelled FRAUD): 0/0 is not a number to report. */
  precision?: number;
  recall?: number;
}

export interface BacktestReport {
  evaluated: number;
  changed: number;
  transitions: Array<{ from: Outcome; to: Outcome; count: number }>;
  candidateOutcomes: Record<Outcome, number>;
  recordedOutcomes: Record<Outcome, number>;
  labelled: number;
  candidateMetrics: LabelMetrics;
  recordedMetrics: LabelMetrics;
  ruleHits: Array<{ ruleId: string; hits: number; errors: number }>;
}

class Confusion {
  tp = 0;
  fp = 0;
  fn = 0;
  tn = 0;

  add(flagged: boolean, fraud: boolean): void {
    if (flagged && fraud) this.tp++;
    else if (flagged) this.fp++;
    else if (fraud) this.fn++;
    else this.tn++;
  }

  metrics(): LabelMetrics {
    const ratio = (a: number, b: number): number | undefined => (b === 0 ? undefined : Math.round((a / b) * 10_000) / 10_000);
    return {
      truePositives: this.tp,
      falsePositives: this.fp,
      falseNegatives: this.fn,
      trueNegatives: this.tn,
      precision: ratio(this.tp, this.tp + this.fp),
      recall: ratio(this.tp, this.tp + this.fn),
    };
  }
}

const zero = (): Record<Outcome, number> => ({ ALLOW: 0, REVIEW: 0, DENY: 0 });

/**
 * Accumulates a backtest: how outcomes would move from what was enforced to
 * what the candidate decides, and precision/recall of both against analyst
 * labels, with REVIEW and DENY counting as "flagged" and FRAUD as positive.
 */
export class BacktestTally {
  private evaluated = 0;
  private changed = 0;
  private labelled = 0;
  private readonly transitions = new Map<string, number>();
  private readonly candidate = zero();
  private readonly recorded = zero();
  private readonly candidateConfusion = new Confusion();
  private readonly recordedConfusion = new Confusion();
  private readonly hits: number[];
  private readonly errors: number[];

  constructor(private readonly ruleIds: readonly string[]) {
    this.hits = ruleIds.map(() => 0);
    this.errors = ruleIds.map(() => 0);
  }

  add(recorded: Outcome, candidate: Outcome, runs: readonly RuleRun[], label: Label | undefined): void {
    this.evaluated++;
    this.recorded[recorded]++;
    this.candidate[candidate]++;
    if (recorded !== candidate) {
      this.changed++;
      const key = `${recorded}>${candidate}`;
      this.transitions.set(key, (this.transitions.get(key) ?? 0) + 1);
    }
    runs.forEach((run, index) => {
      if (run.result === 'HIT') this.hits[index]!++;
      else if (run.result === 'ERROR') this.errors[index]!++;
    });
    if (label) {
      this.labelled++;
      this.candidateConfusion.add(isFlagged(candidate), label === 'FRAUD');
      this.recordedConfusion.add(isFlagged(recorded), label === 'FRAUD');
    }
  }

  report(): BacktestReport {
    const transitions = OUTCOMES.flatMap((from) =>
      OUTCOMES.filter((to) => to !== from && this.transitions.has(`${from}>${to}`)).map((to) => ({ from, to, count: this.transitions.get(`${from}>${to}`)! })),
    );
    return {
      evaluated: this.evaluated,
      changed: this.changed,
      transitions,
      candidateOutcomes: { ...this.candidate },
      recordedOutcomes: { ...this.recorded },
      labelled: this.labelled,
      candidateMetrics: this.candidateConfusion.metrics(),
      recordedMetrics: this.recordedConfusion.metrics(),
      ruleHits: this.ruleIds.map((ruleId, index) => ({ ruleId, hits: this.hits[index]!, errors: this.errors[index]! })),
    };
  }
}
