import type { Features } from '../assessment/features/features.js';
import type { Reason } from '../rules/decide.js';
import type { Outcome } from '../shared/outcome.js';

export const LABELS = ['FRAUD', 'LEGIT'] as const;
export type Label = (typeof LABELS)[number];

export interface DecisionSummary {
  id: string;
  occurredAt: Date;
  eventType: string;
  subjectId: string;
  merchantId?: string;
  deviceId: string;
  ip: string;
  score: number;
  outcome: Outcome;
  reasons: Reason[];
  hitRules: string[];
  rulesetVersion: number;
  shadow?: { version: number; score: number; outcome: Outcome };
  label?: Label;
}

/** Everything stored about one decision, for the analyst's detail view. */
export interface DecisionDetail extends DecisionSummary {
  device: { kind: string; confidence: number; fingerprintVersion: string; hardIdChanged: boolean };
  features: Features;
  signals: Record<string, unknown>;
  ruleOutcomes: string;
  ruleErrors?: Record<string, string>;
  shadowRuleOutcomes?: string;
  shadowRuleErrors?: Record<string, string>;
  sealedSnapshot: Buffer;
  labelledBy?: string;
  labelledAt?: Date;
}

export interface DecisionFilter {
  subjectId?: string;
  deviceId?: string;
  outcome?: Outcome;
  minScore?: number;
  maxScore?: number;
  eventType?: string;
  rule?: string;
  from?: Date;
  to?: Date;
}

/** What a backtest replays: the stored features, the enforced outcome and the analyst's label. */
export interface BacktestRow {
  id: string;
  occurredAt: Date;
  features: Features;
  outcome: Outcome;
  label?: Label;
}
