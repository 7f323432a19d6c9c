import type { Outcome } from '../shared/outcome.js';

export interface RuleDefinition {
  /** Stable within a ruleset: lower_snake, used in filters and explanations. */
  id: string;
  /** UPPER_SNAKE code returned to callers as the reason. */
  reasonCode: string;
  /** Plain language, shown to analysts, callers and data subjects. */
  description: string;
  /** CEL over the features; true means the rule hits. */
  expression: string;
  /** Added to the score on a hit (-100..100; negative rules express trust). */
  score: number;
  /** Forced on a hit: DENY beats everything, ALLOW beats thresholds and REVIEW. */
  outcome?: Outcome;
}

/** What an analyst writes. A stored version never changes: edits are new versions. */
export interface RulesetDocument {
  description: string;
  reviewThreshold: number;
  denyThreshold: number;
  rules: RuleDefinition[];
}

export const RULESET_STATES = ['DRAFT', 'LIVE', 'SHADOW', 'RETIRED'] as const;
export type RulesetState = (typeof RULESET_STATES)[number];

export interface StoredRuleset extends RulesetDocument {
  version: number;
  state: RulesetState;
  createdBy: string;
  createdAt: Date;
  publishedAt?: Date;
  shadowedAt?: Date;
  basedOn?: number;
}

/** Which versions each instance must evaluate. */
export interface RulesetSlots {
  live: number | undefined;
  shadow: number | undefined;
}
