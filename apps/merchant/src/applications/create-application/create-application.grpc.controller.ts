import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { CreateApplicationResponse, MerchantServiceController } from '#contracts/merchant';
import { ApplicationViews } from '../application-views.js';
import { formFromMessage } from '../form/form-message.js';
import { CreateApplicationRequestDto } from './create-application.request.js';
import { CreateApplicationUseCase } from './create-application.use-case.js';

@Controller()
export class CreateApplicationGrpcController implements Pick<MerchantServiceController, 'createApplication'> {
  constructor(
    private readonly useCase: CreateApplicationUseCase,
    private readonly views: ApplicationViews,
  ) {}

  @GrpcMethod('MerchantService', 'CreateApplication')
  async createApplication(@Payload() request: CreateApplicationRequestDto): Promise<CreateApplicationResponse> {
    const { application, created } = await this.useCase.execute({ ...request, form: formFromMessage(request.form) });
    return { application: await this.views.render(application, 'merchant'), created };
  }
}
