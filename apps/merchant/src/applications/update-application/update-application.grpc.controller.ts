import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { MerchantServiceController, UpdateApplicationResponse } from '#contracts/merchant';
import { ApplicationViews } from '../application-views.js';
import { formFromMessage } from '../form/form-message.js';
import { UpdateApplicationRequestDto } from './update-application.request.js';
import { UpdateApplicationUseCase } from './update-application.use-case.js';

@Controller()
export class UpdateApplicationGrpcController implements Pick<MerchantServiceController, 'updateApplication'> {
  constructor(
    private readonly useCase: UpdateApplicationUseCase,
    private readonly views: ApplicationViews,
  ) {}

  @GrpcMethod('MerchantService', 'UpdateApplication')
  async updateApplication(@Payload() request: UpdateApplicationRequestDto): Promise<UpdateApplicationResponse> {
    const application = await this.useCase.execute({ ...request, form: formFromMessage(request.form), clearFields: request.clearFields ?? [] });
    return { application: await this.views.render(application, 'merchant') };
  }
}
