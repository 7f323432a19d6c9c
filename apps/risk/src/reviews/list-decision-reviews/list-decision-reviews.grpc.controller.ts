import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { ListDecisionReviewsResponse, RiskServiceController } from '#contracts/risk';
import type { ReviewStatus } from '../decision-review.js';
import { toDecisionReviewMessage } from '../decision-review.response.js';
import { ListDecisionReviewsRequestDto } from './list-decision-reviews.request.js';
import { ListDecisionReviewsUseCase } from './list-decision-reviews.use-case.js';

@Controller()
export class ListDecisionReviewsGrpcController implements Pick<RiskServiceController, 'listDecisionReviews'> {
  constructor(private readonly useCase: ListDecisionReviewsUseCase) {}

  @GrpcMethod('RiskService', 'ListDecisionReviews')
  async listDecisionReviews(@Payload() request: ListDecisionReviewsRequestDto): Promise<ListDecisionReviewsResponse> {
    const page = await this.useCase.execute(request.status as ReviewStatus | undefined, request.limit, request.cursor);
    return { items: page.items.map(toDecisionReviewMessage), nextCursor: page.nextCursor };
  }
}
