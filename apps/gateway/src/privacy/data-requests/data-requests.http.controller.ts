import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PRIVACY_CLIENT, type PrivacyClient } from '../../backends/backend-clients.js';
import { Roles } from '../../edge/auth/access.decorators.js';
import type { Caller } from '../../edge/auth/caller.js';
import { CurrentCaller } from '../../edge/auth/current-caller.decorator.js';
import { Idempotent } from '../../edge/idempotency/idempotent.decorator.js';
import { CreateDataRequestDto, DataRequestIdParam, DataRequestPageView, DataRequestView, DueRequestsQueryDto } from './data-request.dto.js';
import { toDataRequestView } from './data-request.mapper.js';

const DAY_MS = 86_400_000;

@ApiTags('data-subject rights')
@ApiBearerAuth()
@Controller()
export class DataRequestsHttpController {
  constructor(@Inject(PRIVACY_CLIENT) private readonly privacy: PrivacyClient) {}

  @Post('v1/me/data-requests')
  @Roles('user')
  @Idempotent()
  @ApiCreatedResponse({ type: DataRequestView, description: 'Received; answered within 15 working days.' })
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateDataRequestDto): Promise<DataRequestView> {
    const { request } = await this.privacy.createDataRequest({
      subjectId: caller.subjectId,
      type: body.type,
      field: body.field,
      value: body.value,
      decisionId: body.decision_id,
      requestHumanReview: body.request_human_review ?? false,
    });
    return toDataRequestView(request!);
  }

  @Get('v1/me/data-requests/:id')
  @Roles('user')
  @ApiOkResponse({ type: DataRequestView })
  async get(@CurrentCaller() caller: Caller, @Param() params: DataRequestIdParam): Promise<DataRequestView> {
    const { request } = await this.privacy.getDataRequest({ subjectId: caller.subjectId, id: params.id });
    return toDataRequestView(request!);
  }

  @Get('v1/admin/data-requests')
  @Roles('admin', 'privacy_officer')
  @ApiOkResponse({ type: DataRequestPageView, description: 'Open requests due soon or overdue (by default due within 3 days), by deadline.' })
  async due(@Query() query: DueRequestsQueryDto): Promise<DataRequestPageView> {
    const page = await this.privacy.listDataRequests({
      status: query.status,
      dueBefore: new Date(Date.now() + (query.due_within_days ?? 3) * DAY_MS).toISOString(),
      limit: query.limit ?? 50,
      cursor: query.cursor,
    });
    return { items: page.items.map(toDataRequestView), next_cursor: page.nextCursor ?? null };
  }
}
