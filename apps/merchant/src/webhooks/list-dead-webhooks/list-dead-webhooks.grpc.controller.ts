import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { ListDeadWebhooksResponse, MerchantServiceController } from '#contracts/merchant';
import { toDeadWebhookMessage } from '../webhook.mapper.js';
import { ListDeadWebhooksRequestDto } from './list-dead-webhooks.request.js';
import { ListDeadWebhooksUseCase } from './list-dead-webhooks.use-case.js';

@Controller()
export class ListDeadWebhooksGrpcController implements Pick<MerchantServiceController, 'listDeadWebhooks'> {
  constructor(private readonly useCase: ListDeadWebhooksUseCase) {}

  @GrpcMethod('MerchantService', 'ListDeadWebhooks')
  async listDeadWebhooks(@Payload() request: ListDeadWebhooksRequestDto): Promise<ListDeadWebhooksResponse> {
    const page = await this.useCase.execute(request);
    return { items: page.items.map(toDeadWebhookMessage), nextCursor: page.nextCursor };
  }
}
