import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { ExplainDecisionResponse, RiskServiceController } from '#contracts/risk';
import { ExplainDecisionRequestDto } from './explain-decision.request.js';
import { ExplainDecisionUseCase } from './explain-decision.use-case.js';

@Controller()
export class ExplainDecisionGrpcController implements Pick<RiskServiceController, 'explainDecision'> {
  constructor(private readonly useCase: ExplainDecisionUseCase) {}

  @GrpcMethod('RiskService', 'ExplainDecision')
  async explainDecision(@Payload() request: ExplainDecisionRequestDto): Promise<ExplainDecisionResponse> {
    return this.useCase.execute({
      decisionId: request.decisionId,
      subjectId: request.subjectId,
      requestHumanReview: request.requestHumanReview,
      requestId: request.requestId || undefined,
    });
  }
}
