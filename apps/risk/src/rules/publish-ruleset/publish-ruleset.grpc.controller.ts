import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { PublishRulesetResponse, RiskServiceController } from '#contracts/risk';
import { toRulesetMessage } from '../ruleset.response.js';
import { PublishRulesetRequestDto } from './publish-ruleset.request.js';
import { PublishRulesetUseCase } from './publish-ruleset.use-case.js';

@Controller()
export class PublishRulesetGrpcController implements Pick<RiskServiceController, 'publishRuleset'> {
  constructor(private readonly useCase: PublishRulesetUseCase) {}

  @GrpcMethod('RiskService', 'PublishRuleset')
  async publishRuleset(@Payload() request: PublishRulesetRequestDto): Promise<PublishRulesetResponse> {
    return { ruleset: toRulesetMessage(await this.useCase.execute(request.caller, request.version)) };
  }
}
