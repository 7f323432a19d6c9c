import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { LabelDecisionResponse, RiskServiceController } from '#contracts/risk';
import type { Label } from '../decision-record.js';
import { toDecisionSummaryMessage } from '../decision.response.js';
import { LabelDecisionRequestDto } from './label-decision.request.js';
import { LabelDecisionUseCase } from './label-decision.use-case.js';

@Controller()
export class LabelDecisionGrpcController implements Pick<RiskServiceController, 'labelDecision'> {
  constructor(private readonly useCase: LabelDecisionUseCase) {}

  @GrpcMethod('RiskService', 'LabelDecision')
  async labelDecision(@Payload() request: LabelDecisionRequestDto): Promise<LabelDecisionResponse> {
    return { decision: toDecisionSummaryMessage(await this.useCase.execute(request.caller, request.decisionId, request.label as Label)) };
  }
}
