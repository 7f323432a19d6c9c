import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { ReportOutcomeResponse, RiskServiceController } from '#contracts/risk';
import { ReportOutcomeRequestDto } from './report-outcome.request.js';
import { ReportOutcomeUseCase } from './report-outcome.use-case.js';

@Controller()
export class ReportOutcomeGrpcController implements Pick<RiskServiceController, 'reportOutcome'> {
  constructor(private readonly useCase: ReportOutcomeUseCase) {}

  @GrpcMethod('RiskService', 'ReportOutcome')
  async reportOutcome(@Payload() request: ReportOutcomeRequestDto): Promise<ReportOutcomeResponse> {
    await this.useCase.execute(request.caller, request.decisionId, request.outcome as 'KYC_FAILED' | 'KYC_PASSED');
    return {};
  }
}
