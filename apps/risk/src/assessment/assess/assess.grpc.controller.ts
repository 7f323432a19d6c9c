import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { AssessResponse, RiskServiceController } from '#contracts/risk';
import { AssessRequestDto } from './assess.request.js';
import { AssessUseCase } from './assess.use-case.js';
import { toAssessInput } from './assess.mapper.js';

@Controller()
export class AssessGrpcController implements Pick<RiskServiceController, 'assess'> {
  constructor(private readonly useCase: AssessUseCase) {}

  @GrpcMethod('RiskService', 'Assess')
  async assess(@Payload() request: AssessRequestDto): Promise<AssessResponse> {
    const decision = await this.useCase.execute(request.caller, toAssessInput(request));
    return {
      decisionId: decision.id,
      deviceId: decision.device.deviceId,
      score: decision.live.score,
      decision: decision.live.outcome,
      reasons: decision.live.reasons,
      rulesetVersion: decision.live.version,
      shadowRulesetVersion: decision.shadow?.version,
      deviceIdKind: decision.device.kind,
      deviceConfidence: decision.device.confidence,
    };
  }
}
