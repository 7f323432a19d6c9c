import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { GetDecisionResponse, RiskServiceController } from '#contracts/risk';
import { GetDecisionRequestDto } from './get-decision.request.js';
import { GetDecisionUseCase } from './get-decision.use-case.js';

@Controller()
export class GetDecisionGrpcController implements Pick<RiskServiceController, 'getDecision'> {
  constructor(private readonly useCase: GetDecisionUseCase) {}

  @GrpcMethod('RiskService', 'GetDecision')
  async getDecision(@Payload() request: GetDecisionRequestDto): Promise<GetDecisionResponse> {
    return this.useCase.execute(request.decisionId, request.caller);
  }
}
