import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { AssessRequest, AssessResponse, RiskServiceController } from '#contracts/risk';
import { parseAssessRequest } from './assess.request.js';
import { AssessUseCase } from './assess.use-case.js';
import { toAssessInput } from './assess.mapper.js';

@Controller()
export class AssessGrpcController implements Pick<RiskServiceController, 'assess'> {
  constructor(private readonly useCase: AssessUseCase) {}

  @GrpcMethod('RiskService', 'Assess')
  // An interface, not a DTO class: the validation pipe leaves it alone and the compiled validator checks it.
  async assess(@Payload() message: AssessRequest): Promise<AssessResponse> {
    const request = parseAssessRequest(message);
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
