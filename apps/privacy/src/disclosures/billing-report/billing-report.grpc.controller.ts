import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { GetBillingReportResponse, PrivacyServiceController } from '#contracts/privacy';
import { GetBillingReportRequestDto } from './billing-report.request.js';
import { BillingReportUseCase } from './billing-report.use-case.js';

@Controller()
export class BillingReportGrpcController implements Pick<PrivacyServiceController, 'getBillingReport'> {
  constructor(private readonly useCase: BillingReportUseCase) {}

  @GrpcMethod('PrivacyService', 'GetBillingReport')
  async getBillingReport(@Payload() request: GetBillingReportRequestDto): Promise<GetBillingReportResponse> {
    return { rows: await this.useCase.execute(request.fromDate, request.toDate) };
  }
}
