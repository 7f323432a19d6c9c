export const OUTCOMES = ['ALLOW', 'REVIEW', 'DENY'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const SEVERITY: Record<Outcome, number> = { ALLOW: 0, REVIEW: 1, DENY: 2 };

export function moreSevere(a: Outcome, b: Outcome): Outcome {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

/** REVIEW and DENY both mean "not let through automatically": the positive class of backtests. */
export function isFlagged(outcome: Outcome): boolean {
  return outcome !== 'ALLOW';
}
