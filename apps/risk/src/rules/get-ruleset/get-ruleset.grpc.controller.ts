import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { GetRulesetResponse, RiskServiceController } from '#contracts/risk';
import { toRulesetMessage } from '../ruleset.response.js';
import { GetRulesetRequestDto } from './get-ruleset.request.js';
import { GetRulesetUseCase } from './get-ruleset.use-case.js';

@Controller()
export class GetRulesetGrpcController implements Pick<RiskServiceController, 'getRuleset'> {
  constructor(private readonly useCase: GetRulesetUseCase) {}

  @GrpcMethod('RiskService', 'GetRuleset')
  async getRuleset(@Payload() request: GetRulesetRequestDto): Promise<GetRulesetResponse> {
    return { ruleset: toRulesetMessage(await this.useCase.execute(request.version)) };
  }
}
