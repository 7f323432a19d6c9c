import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { ShadowRulesetResponse, RiskServiceController } from '#contracts/risk';
import { toRulesetMessage } from '../ruleset.response.js';
import { ShadowRulesetRequestDto } from './shadow-ruleset.request.js';
import { ShadowRulesetUseCase } from './shadow-ruleset.use-case.js';

@Controller()
export class ShadowRulesetGrpcController implements Pick<RiskServiceController, 'shadowRuleset'> {
  constructor(private readonly useCase: ShadowRulesetUseCase) {}

  @GrpcMethod('RiskService', 'ShadowRuleset')
  async shadowRuleset(@Payload() request: ShadowRulesetRequestDto): Promise<ShadowRulesetResponse> {
    return { ruleset: toRulesetMessage(await this.useCase.execute(request.caller, request.version)) };
  }
}
