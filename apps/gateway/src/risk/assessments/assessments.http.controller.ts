import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RISK_CLIENT, type RiskClient } from '../../backends/backend-clients.js';
import { Roles } from '../../edge/auth/access.decorators.js';
import type { Caller } from '../../edge/auth/caller.js';
import { CurrentCaller } from '../../edge/auth/current-caller.decorator.js';
import { Idempotent } from '../../edge/idempotency/idempotent.decorator.js';
import { AssessmentView, CreateAssessmentDto } from './assessment.dto.js';
import { toAssessmentView, toAssessRequest } from './assessment.mapper.js';

@ApiTags('risk')
@ApiBearerAuth()
@Controller('v1/risk/assessments')
export class AssessmentsHttpController {
  constructor(@Inject(RISK_CLIENT) private readonly risk: RiskClient) {}

  @Post()
  @HttpCode(200)
  @Roles('user', 'merchant')
  @Idempotent()
  @ApiOkResponse({ type: AssessmentView, description: 'The decision, stored before it is returned, with readable reasons.' })
  async assess(@CurrentCaller() caller: Caller, @Body() body: CreateAssessmentDto): Promise<AssessmentView> {
    return toAssessmentView(await this.risk.assess(toAssessRequest(caller, body)));
  }
}
