import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { ListRulesetsResponse, RiskServiceController } from '#contracts/risk';
import { toRulesetMessage } from '../ruleset.response.js';
import { ListRulesetsRequestDto } from './list-rulesets.request.js';
import { ListRulesetsUseCase } from './list-rulesets.use-case.js';

@Controller()
export class ListRulesetsGrpcController implements Pick<RiskServiceController, 'listRulesets'> {
  constructor(private readonly useCase: ListRulesetsUseCase) {}

  @GrpcMethod('RiskService', 'ListRulesets')
  async listRulesets(@Payload() request: ListRulesetsRequestDto): Promise<ListRulesetsResponse> {
    const page = await this.useCase.execute(request.limit, request.cursor);
    return { items: page.items.map(toRulesetMessage), nextCursor: page.nextCursor };
  }
}
