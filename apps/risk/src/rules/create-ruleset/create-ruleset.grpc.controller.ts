import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { CreateRulesetResponse, RiskServiceController } from '#contracts/risk';
import type { Outcome } from '../../shared/outcome.js';
import { toRulesetMessage } from '../ruleset.response.js';
import { CreateRulesetRequestDto } from './create-ruleset.request.js';
import { CreateRulesetUseCase } from './create-ruleset.use-case.js';

@Controller()
export class CreateRulesetGrpcController implements Pick<RiskServiceController, 'createRuleset'> {
  constructor(private readonly useCase: CreateRulesetUseCase) {}

  @GrpcMethod('RiskService', 'CreateRuleset')
  async createRuleset(@Payload() request: CreateRulesetRequestDto): Promise<CreateRulesetResponse> {
    const document = {
      description: request.description,
      reviewThreshold: request.reviewThreshold,
      denyThreshold: request.denyThreshold,
      rules: request.rules.map((rule) => ({ ...rule, outcome: rule.outcome as Outcome | undefined })),
    };
    return { ruleset: toRulesetMessage(await this.useCase.execute(request.caller, document, request.basedOn)) };
  }
}
