import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { MerchantServiceController, SubmitApplicationResponse } from '#contracts/merchant';
import { ApplicationViews } from '../application-views.js';
import { SubmitApplicationRequestDto } from './submit-application.request.js';
import { SubmitApplicationUseCase } from './submit-application.use-case.js';

@Controller()
export class SubmitApplicationGrpcController implements Pick<MerchantServiceController, 'submitApplication'> {
  constructor(
    private readonly useCase: SubmitApplicationUseCase,
    private readonly views: ApplicationViews,
  ) {}

  @GrpcMethod('MerchantService', 'SubmitApplication')
  async submitApplication(@Payload() request: SubmitApplicationRequestDto): Promise<SubmitApplicationResponse> {
    return { application: await this.views.render(await this.useCase.execute(request), 'merchant') };
  }
}
