import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { GetWebhookResponse, MerchantServiceController } from '#contracts/merchant';
import { toWebhookSettings } from '../webhook.mapper.js';
import { GetWebhookRequestDto } from './get-webhook.request.js';
import { GetWebhookUseCase } from './get-webhook.use-case.js';

@Controller()
export class GetWebhookGrpcController implements Pick<MerchantServiceController, 'getWebhook'> {
  constructor(private readonly useCase: GetWebhookUseCase) {}

  @GrpcMethod('MerchantService', 'GetWebhook')
  async getWebhook(@Payload() request: GetWebhookRequestDto): Promise<GetWebhookResponse> {
    return { webhook: toWebhookSettings(await this.useCase.execute(request.merchantId)) };
  }
}
