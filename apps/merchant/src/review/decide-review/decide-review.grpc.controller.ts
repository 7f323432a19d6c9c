import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { DecideReviewResponse, MerchantServiceController } from '#contracts/merchant';
import { ApplicationViews } from '../../applications/application-views.js';
import { DecideReviewRequestDto } from './decide-review.request.js';
import { DecideReviewUseCase } from './decide-review.use-case.js';

@Controller()
export class DecideReviewGrpcController implements Pick<MerchantServiceController, 'decideReview'> {
  constructor(
    private readonly useCase: DecideReviewUseCase,
    private readonly views: ApplicationViews,
  ) {}

  @GrpcMethod('MerchantService', 'DecideReview')
  async decideReview(@Payload() request: DecideReviewRequestDto): Promise<DecideReviewResponse> {
    return { application: await this.views.render(await this.useCase.execute(request), 'staff') };
  }
}
