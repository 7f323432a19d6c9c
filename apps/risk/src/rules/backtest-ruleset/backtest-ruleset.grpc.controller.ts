import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { BacktestRulesetResponse, RiskServiceController } from '#contracts/risk';
import { BacktestRulesetRequestDto } from './backtest-ruleset.request.js';
import { BacktestRulesetUseCase } from './backtest-ruleset.use-case.js';

const counts = (outcomes: Record<'ALLOW' | 'REVIEW' | 'DENY', number>) => ({ allow: outcomes.ALLOW, review: outcomes.REVIEW, deny: outcomes.DENY });

@Controller()
export class BacktestRulesetGrpcController implements Pick<RiskServiceController, 'backtestRuleset'> {
  constructor(private readonly useCase: BacktestRulesetUseCase) {}

  @GrpcMethod('RiskService', 'BacktestRuleset')
  async backtestRuleset(@Payload() request: BacktestRulesetRequestDto): Promise<BacktestRulesetResponse> {
    const result = await this.useCase.execute(request.version, new Date(request.from), new Date(request.to), request.maxDecisions);
    return {
      version: result.version,
      from: result.from.toISOString(),
      to: result.to.toISOString(),
      evaluated: result.evaluated,
      truncated: result.truncated,
      changed: result.changed,
      transitions: result.transitions,
      candidateOutcomes: counts(result.candidateOutcomes),
      recordedOutcomes: counts(result.recordedOutcomes),
      labelled: result.labelled,
      candidateMetrics: result.candidateMetrics,
      recordedMetrics: result.recordedMetrics,
      ruleHits: result.ruleHits,
    };
  }
}
