import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { MerchantServiceController, SetWebhookResponse } from '#contracts/merchant';
import { toWebhookSettings } from '../webhook.mapper.js';
import { SetWebhookRequestDto } from './set-webhook.request.js';
import { SetWebhookUseCase } from './set-webhook.use-case.js';

@Controller()
export class SetWebhookGrpcController implements Pick<MerchantServiceController, 'setWebhook'> {
  constructor(private readonly useCase: SetWebhookUseCase) {}

  @GrpcMethod('MerchantService', 'SetWebhook')
  async setWebhook(@Payload() request: SetWebhookRequestDto): Promise<SetWebhookResponse> {
    return { webhook: toWebhookSettings(await this.useCase.execute(request)) };
  }
}
