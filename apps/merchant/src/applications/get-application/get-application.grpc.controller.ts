import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { GetApplicationResponse, MerchantServiceController } from '#contracts/merchant';
import { ApplicationViews } from '../application-views.js';
import { GetApplicationRequestDto } from './get-application.request.js';
import { GetApplicationUseCase } from './get-application.use-case.js';

@Controller()
export class GetApplicationGrpcController implements Pick<MerchantServiceController, 'getApplication'> {
  constructor(
    private readonly useCase: GetApplicationUseCase,
    private readonly views: ApplicationViews,
  ) {}

  @GrpcMethod('MerchantService', 'GetApplication')
  async getApplication(@Payload() request: GetApplicationRequestDto): Promise<GetApplicationResponse> {
    return { application: await this.views.render(await this.useCase.execute(request.merchantId, request.applicationId), 'merchant') };
  }
}
