import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RISK_CLIENT, type RiskClient } from '../../backends/backend-clients.js';
import { Roles } from '../../edge/auth/access.decorators.js';
import type { Caller } from '../../edge/auth/caller.js';
import { CurrentCaller } from '../../edge/auth/current-caller.decorator.js';
import { Idempotent } from '../../edge/idempotency/idempotent.decorator.js';
import { toCallerMessage } from '../risk-caller.js';
import { DecisionDetailView, DecisionIdParam, DecisionPageView, DecisionQueryDto, DecisionView, LabelDto } from './decision.dto.js';
import { toDecisionDetailView, toDecisionView, toListDecisionsRequest } from './decision.mapper.js';

@ApiTags('analysts')
@ApiBearerAuth()
@Roles('risk_analyst')
@Controller('v1/analyst/decisions')
export class DecisionsHttpController {
  constructor(@Inject(RISK_CLIENT) private readonly risk: RiskClient) {}

  @Get()
  @ApiOkResponse({ type: DecisionPageView, description: 'Newest first.' })
  async list(@Query() query: DecisionQueryDto): Promise<DecisionPageView> {
    const page = await this.risk.listDecisions(toListDecisionsRequest(query));
    return { items: page.items.map(toDecisionView), next_cursor: page.nextCursor ?? null };
  }

  @Get(':id')
  @ApiOkResponse({ type: DecisionDetailView, description: 'Features, every rule result, and a plain-language explanation. Personal data masked.' })
  async get(@CurrentCaller() caller: Caller, @Param() params: DecisionIdParam): Promise<DecisionDetailView> {
    return toDecisionDetailView(await this.risk.getDecision({ decisionId: params.id, caller: toCallerMessage(caller) }));
  }

  @Post(':id/label')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: DecisionView })
  async label(@CurrentCaller() caller: Caller, @Param() params: DecisionIdParam, @Body() body: LabelDto): Promise<DecisionView> {
    const { decision } = await this.risk.labelDecision({ caller: toCallerMessage(caller), decisionId: params.id, label: body.label });
    return toDecisionView(decision!);
  }
}
