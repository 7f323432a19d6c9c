import { Injectable } from '@nestjs/common';
import type { GetDecisionResponse, RuleResult } from '#contracts/risk';
import { DataAccessLog } from '#libs/audit';
import { DomainError } from '#libs/errors';
import { PiiVault } from '#libs/pii';
import { maskSnapshot, unsealSnapshot } from '../../assessment/sensitive-snapshot.js';
import { ActiveRulesets } from '../../rules/active-rulesets.js';
import type { RuleRun } from '../../rules/cel/compile-expression.js';
import type { CompiledRuleset } from '../../rules/compiled-ruleset.js';
import { explainForAnalyst } from '../../rules/explain.js';
import type { Caller } from '../../shared/caller.js';
import { decodeRuns } from '../../rules/rule-runs-codec.js';
import { toDecisionSummaryMessage } from '../decision.response.js';
import { DecisionRepository } from '../decision.repository.js';

function ruleResults(ruleset: CompiledRuleset | undefined, runs: readonly RuleRun[]): RuleResult[] {
  if (!ruleset) return [];
  return ruleset.rules.map((rule, index) => {
    const run = runs[index]!;
    return {
      ruleId: rule.definition.id,
      reasonCode: rule.definition.reasonCode,
      description: rule.definition.description,
      result: run.result,
      score: rule.definition.score,
      outcome: rule.definition.outcome,
      error: run.result === 'ERROR' ? run.error : undefined,
    };
  });
}

/**
 * The analyst's view of one decision: what was seen, what each rule said, and why, in plain
 * language. Opening it is on record (DATA_ACCESSED) before anything is shown.
 */
@Injectable()
export class GetDecisionUseCase {
  constructor(
    private readonly decisions: DecisionRepository,
    private readonly rulesets: ActiveRulesets,
    private readonly vault: PiiVault,
    private readonly accessLog: DataAccessLog,
  ) {}

  async execute(id: string, analyst: Caller): Promise<GetDecisionResponse> {
    const decision = await this.decisions.find(id);
    if (!decision) throw new DomainError('DECISION_NOT_FOUND', 'No such decision');
    await this.accessLog.record({ staffId: analyst.subjectId, subjectId: decision.subjectId, view: 'decision_detail', recordId: decision.id });
    const live = await this.rulesets.version(decision.rulesetVersion);
    const shadow = decision.shadow ? await this.rulesets.version(decision.shadow.version) : undefined;
    const liveRuns = live ? decodeRuns(live.document.rules, decision.ruleOutcomes, decision.ruleErrors) : [];
    const shadowRuns = shadow && decision.shadowRuleOutcomes ? decodeRuns(shadow.document.rules, decision.shadowRuleOutcomes, decision.shadowRuleErrors) : [];
    const explanation = live
      ? explainForAnalyst({
          outcome: decision.outcome,
          score: decision.score,
          ruleset: live,
          runs: liveRuns,
          features: decision.features,
          shadow: decision.shadow,
        })
      : [`Ruleset version ${decision.rulesetVersion} is no longer available to explain this decision.`];
    return {
      decision: toDecisionSummaryMessage(decision),
      featuresJson: JSON.stringify(decision.features),
      ruleResults: ruleResults(live, liveRuns),
      shadowRuleResults: ruleResults(shadow, shadowRuns),
      explanation,
      device: {
        deviceId: decision.deviceId,
        idKind: decision.device.kind,
        confidence: decision.device.confidence,
        fingerprintVersion: decision.device.fingerprintVersion,
        hardIdChanged: decision.device.hardIdChanged,
      },
      signalsJson: JSON.stringify(decision.signals),
      masked: maskSnapshot(this.vault, unsealSnapshot(this.vault, decision.sealedSnapshot)),
      labelledBy: decision.labelledBy,
      labelledAt: decision.labelledAt?.toISOString(),
    };
  }
}
