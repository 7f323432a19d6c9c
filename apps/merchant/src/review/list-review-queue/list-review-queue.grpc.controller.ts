import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { ListReviewQueueResponse, MerchantServiceController } from '#contracts/merchant';
import { ApplicationViews } from '../../applications/application-views.js';
import { ListReviewQueueRequestDto } from './list-review-queue.request.js';
import { ListReviewQueueUseCase } from './list-review-queue.use-case.js';

@Controller()
export class ListReviewQueueGrpcController implements Pick<MerchantServiceController, 'listReviewQueue'> {
  constructor(
    private readonly useCase: ListReviewQueueUseCase,
    private readonly views: ApplicationViews,
  ) {}

  @GrpcMethod('MerchantService', 'ListReviewQueue')
  async listReviewQueue(@Payload() request: ListReviewQueueRequestDto): Promise<ListReviewQueueResponse> {
    const page = await this.useCase.execute(request);
    return { items: await this.views.renderMany(page.items, 'staff'), nextCursor: page.nextCursor };
  }
}
