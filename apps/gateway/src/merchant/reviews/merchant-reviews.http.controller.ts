import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MERCHANT_CLIENT, type MerchantClient } from '../../backends/backend-clients.js';
import { Roles } from '../../edge/auth/access.decorators.js';
import type { Caller } from '../../edge/auth/caller.js';
import { CurrentCaller } from '../../edge/auth/current-caller.decorator.js';
import { Idempotent } from '../../edge/idempotency/idempotent.decorator.js';
import { IdParam } from '../applications/application.dto.js';
import { toStaffApplicationView } from '../applications/application.mapper.js';
import { StaffApplicationPageView, StaffApplicationView } from '../applications/application.view.js';
import { OptionalReasonsDto, QueueQueryDto, ReasonsDto } from './review.dto.js';

/** The review queue. Everything personal is masked; every decision is an audit entry. */
@ApiTags('merchant review')
@ApiBearerAuth()
@Roles('reviewer')
@Controller('v1/analyst/merchant-applications')
export class MerchantReviewsHttpController {
  constructor(@Inject(MERCHANT_CLIENT) private readonly merchants: MerchantClient) {}

  @Get()
  @ApiOkResponse({ type: StaffApplicationPageView, description: 'Applications in a status (IN_REVIEW by default), oldest submission first.' })
  async queue(@Query() query: QueueQueryDto): Promise<StaffApplicationPageView> {
    const page = await this.merchants.listReviewQueue({ status: query.status, kind: query.kind, limit: query.limit ?? 50, cursor: query.cursor });
    return { items: page.items.map(toStaffApplicationView), next_cursor: page.nextCursor ?? null };
  }

  @Get(':id')
  @ApiOkResponse({ type: StaffApplicationView, description: 'Masked, with the automated check results, the decisions and the history.' })
  async get(@CurrentCaller() caller: Caller, @Param() params: IdParam): Promise<StaffApplicationView> {
    const { application } = await this.merchants.getReviewApplication({ applicationId: params.id, reviewerId: caller.subjectId });
    return toStaffApplicationView(application!);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({
    type: StaffApplicationView,
    description: 'APPROVED, or still IN_REVIEW when a second, different reviewer must approve too (409 SECOND_REVIEWER_REQUIRED for the same one).',
  })
  approve(@CurrentCaller() caller: Caller, @Param() params: IdParam, @Body() body: OptionalReasonsDto): Promise<StaffApplicationView> {
    return this.decide(caller, params.id, 'APPROVE', body.reasons ?? []);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: StaffApplicationView, description: 'REJECTED with per-field reasons.' })
  reject(@CurrentCaller() caller: Caller, @Param() params: IdParam, @Body() body: ReasonsDto): Promise<StaffApplicationView> {
    return this.decide(caller, params.id, 'REJECT', body.reasons);
  }

  @Post(':id/request-info')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: StaffApplicationView, description: 'NEEDS_INFO: the merchant edits the named fields and submits again.' })
  requestInfo(@CurrentCaller() caller: Caller, @Param() params: IdParam, @Body() body: ReasonsDto): Promise<StaffApplicationView> {
    return this.decide(caller, params.id, 'REQUEST_INFO', body.reasons);
  }

  private async decide(caller: Caller, id: string, decision: string, reasons: Array<{ field: string; reason: string }>): Promise<StaffApplicationView> {
    const { application } = await this.merchants.decideReview({ applicationId: id, reviewerId: caller.subjectId, decision, reasons });
    return toStaffApplicationView(application!);
  }
}
