import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { GetReviewApplicationResponse, MerchantServiceController } from '#contracts/merchant';
import { ApplicationViews } from '../../applications/application-views.js';
import { GetReviewApplicationRequestDto } from './get-review-application.request.js';
import { GetReviewApplicationUseCase } from './get-review-application.use-case.js';

@Controller()
export class GetReviewApplicationGrpcController implements Pick<MerchantServiceController, 'getReviewApplication'> {
  constructor(
    private readonly useCase: GetReviewApplicationUseCase,
    private readonly views: ApplicationViews,
  ) {}

  @GrpcMethod('MerchantService', 'GetReviewApplication')
  async getReviewApplication(@Payload() request: GetReviewApplicationRequestDto): Promise<GetReviewApplicationResponse> {
    return { application: await this.views.render(await this.useCase.execute(request.applicationId, request.reviewerId), 'staff') };
  }
}
