import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RISK_CLIENT, type RiskClient } from '../../backends/backend-clients.js';
import { Roles } from '../../edge/auth/access.decorators.js';
import type { Caller } from '../../edge/auth/caller.js';
import { CurrentCaller } from '../../edge/auth/current-caller.decorator.js';
import { Idempotent } from '../../edge/idempotency/idempotent.decorator.js';
import { toCallerMessage } from '../risk-caller.js';
import { DecisionReviewIdParam, DecisionReviewPageView, DecisionReviewQueryDto, DecisionReviewView, ResolveReviewDto } from './decision-review.dto.js';
import { toDecisionReviewView } from './decision-review.mapper.js';

@ApiTags('analysts')
@ApiBearerAuth()
@Roles('risk_analyst')
@Controller('v1/analyst/decision-reviews')
export class DecisionReviewsHttpController {
  constructor(@Inject(RISK_CLIENT) private readonly risk: RiskClient) {}

  @Get()
  @ApiOkResponse({ type: DecisionReviewPageView, description: 'Subjects’ requests for a person to review an automated decision (PIPL art. 24), oldest first.' })
  async list(@Query() query: DecisionReviewQueryDto): Promise<DecisionReviewPageView> {
    const page = await this.risk.listDecisionReviews({ status: query.status, limit: query.limit ?? 0, cursor: query.cursor });
    return { items: page.items.map(toDecisionReviewView), next_cursor: page.nextCursor ?? null };
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: DecisionReviewView, description: 'Audited. 404 REVIEW_NOT_FOUND; 409 REVIEW_ALREADY_RESOLVED.' })
  async resolve(@CurrentCaller() caller: Caller, @Param() params: DecisionReviewIdParam, @Body() body: ResolveReviewDto): Promise<DecisionReviewView> {
    const { review } = await this.risk.resolveDecisionReview({ caller: toCallerMessage(caller), reviewId: params.id, outcome: body.outcome, note: body.note });
    return toDecisionReviewView(review!);
  }
}
