import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { ChangeMerchantStatusResponse, MerchantServiceController } from '#contracts/merchant';
import { ApplicationViews } from '../../applications/application-views.js';
import { ChangeMerchantStatusRequestDto } from './change-merchant-status.request.js';
import { ChangeMerchantStatusUseCase } from './change-merchant-status.use-case.js';

@Controller()
export class ChangeMerchantStatusGrpcController implements Pick<MerchantServiceController, 'changeMerchantStatus'> {
  constructor(
    private readonly useCase: ChangeMerchantStatusUseCase,
    private readonly views: ApplicationViews,
  ) {}

  @GrpcMethod('MerchantService', 'ChangeMerchantStatus')
  async changeMerchantStatus(@Payload() request: ChangeMerchantStatusRequestDto): Promise<ChangeMerchantStatusResponse> {
    return { application: await this.views.render(await this.useCase.execute(request), 'staff') };
  }
}
