import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { ResolveDecisionReviewResponse, RiskServiceController } from '#contracts/risk';
import type { ReviewOutcome } from '../decision-review.js';
import { toDecisionReviewMessage } from '../decision-review.response.js';
import { ResolveDecisionReviewRequestDto } from './resolve-decision-review.request.js';
import { ResolveDecisionReviewUseCase } from './resolve-decision-review.use-case.js';

@Controller()
export class ResolveDecisionReviewGrpcController implements Pick<RiskServiceController, 'resolveDecisionReview'> {
  constructor(private readonly useCase: ResolveDecisionReviewUseCase) {}

  @GrpcMethod('RiskService', 'ResolveDecisionReview')
  async resolveDecisionReview(@Payload() request: ResolveDecisionReviewRequestDto): Promise<ResolveDecisionReviewResponse> {
    const review = await this.useCase.execute(request.caller, request.reviewId, request.outcome as ReviewOutcome, request.note);
    return { review: toDecisionReviewMessage(review) };
  }
}
