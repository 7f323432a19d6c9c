import { Injectable } from '@nestjs/common';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { DomainError } from '#libs/errors';
import { DecisionRepository } from '../../decisions/decision.repository.js';
import type { TimeCursor } from '../../shared/cursor.js';
import { ActiveRulesets } from '../active-rulesets.js';
import { toRuleBindings } from '../cel/cel-environment.js';
import { runRuleset } from '../compiled-ruleset.js';
import { decide } from '../decide.js';
import { BacktestTally, type BacktestReport } from './backtest-tally.js';

export const DEFAULT_BACKTEST_DECISIONS = 100_000;
const PAGE = 2000;
const MAX_RANGE_MS = 93 * 86_400_000;

export interface BacktestResult extends BacktestReport {
  version: number;
  from: Date;
  to: Date;
  truncated: boolean;
}

/**
 * Replays a version over the features stored with past decisions, exactly as
 * live evaluation would have seen them (list hits included), and compares it
 * with what was enforced. Pages through the range and yields between pages so
 * a long backtest never starves live assessments on the same instance.
 */
@Injectable()
export class BacktestRulesetUseCase {
  constructor(
    private readonly rulesets: ActiveRulesets,
    private readonly decisions: DecisionRepository,
  ) {}

  async execute(version: number, from: Date, to: Date, maxDecisions: number | undefined): Promise<BacktestResult> {
    if (from.getTime() >= to.getTime() || to.getTime() - from.getTime() > MAX_RANGE_MS) {
      throw new DomainError('BACKTEST_RANGE_INVALID', 'from must be before to, at most 93 days apart', [
        { field: 'from', code: 'BACKTEST_RANGE_INVALID', message: 'from must be before to, at most 93 days apart' },
      ]);
    }
    const ruleset = await this.rulesets.version(version);
    if (!ruleset) throw new DomainError('RULESET_NOT_FOUND', 'No such ruleset version');
    const limit = maxDecisions && maxDecisions > 0 ? maxDecisions : DEFAULT_BACKTEST_DECISIONS;
    const tally = new BacktestTally(ruleset.rules.map((rule) => rule.definition.id));

    let cursor: TimeCursor | undefined;
    let seen = 0;
    let truncated = false;
    for (;;) {
      const page = await this.decisions.backtestPage(from, to, Math.min(PAGE, limit - seen + 1), cursor);
      for (const row of page) {
        if (seen === limit) {
          truncated = true;
          break;
        }
        const runs = runRuleset(ruleset, toRuleBindings(row.features));
        tally.add(row.outcome, decide(ruleset.document, runs, row.features.lists).outcome, runs, row.label);
        seen++;
      }
      const last = page.at(-1);
      if (truncated || !last || page.length < PAGE) break;
      cursor = { at: last.occurredAt, id: last.id };
      await yieldToEventLoop();
    }
    return { version, from, to, truncated, ...tally.report() };
  }
}
