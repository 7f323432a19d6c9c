import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { MerchantServiceController, ReplayDeadWebhookResponse } from '#contracts/merchant';
import { toDeadWebhookMessage } from '../webhook.mapper.js';
import { ReplayDeadWebhookRequestDto } from './replay-dead-webhook.request.js';
import { ReplayDeadWebhookUseCase } from './replay-dead-webhook.use-case.js';

@Controller()
export class ReplayDeadWebhookGrpcController implements Pick<MerchantServiceController, 'replayDeadWebhook'> {
  constructor(private readonly useCase: ReplayDeadWebhookUseCase) {}

  @GrpcMethod('MerchantService', 'ReplayDeadWebhook')
  async replayDeadWebhook(@Payload() request: ReplayDeadWebhookRequestDto): Promise<ReplayDeadWebhookResponse> {
    return { webhook: toDeadWebhookMessage(await this.useCase.execute(request)) };
  }
}
