import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MERCHANT_CLIENT, type MerchantClient } from '../../backends/backend-clients.js';
import { Roles } from '../../edge/auth/access.decorators.js';
import type { Caller } from '../../edge/auth/caller.js';
import { CurrentCaller } from '../../edge/auth/current-caller.decorator.js';
import { Idempotent } from '../../edge/idempotency/idempotent.decorator.js';
import { IdParam } from '../applications/application.dto.js';
import { toStaffApplicationView } from '../applications/application.mapper.js';
import { StaffApplicationView } from '../applications/application.view.js';
import { OptionalReasonsDto, ReasonsDto } from '../reviews/review.dto.js';

/** A merchant's life after approval: activation, suspension, closure. Each is recorded with actor, time and reasons. */
@ApiTags('merchant admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/admin/merchant-applications')
export class MerchantStatusHttpController {
  constructor(@Inject(MERCHANT_CLIENT) private readonly merchants: MerchantClient) {}

  @Post(':id/activate')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: StaffApplicationView, description: 'APPROVED → ACTIVE; SUSPENDED → ACTIVE (reasons required to reinstate).' })
  activate(@CurrentCaller() caller: Caller, @Param() params: IdParam, @Body() body: OptionalReasonsDto): Promise<StaffApplicationView> {
    return this.change(caller, params.id, 'ACTIVATE', body.reasons ?? []);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: StaffApplicationView, description: 'ACTIVE → SUSPENDED, with reasons.' })
  suspend(@CurrentCaller() caller: Caller, @Param() params: IdParam, @Body() body: ReasonsDto): Promise<StaffApplicationView> {
    return this.change(caller, params.id, 'SUSPEND', body.reasons);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: StaffApplicationView, description: 'APPROVED, ACTIVE or SUSPENDED → CLOSED, with reasons. Final.' })
  close(@CurrentCaller() caller: Caller, @Param() params: IdParam, @Body() body: ReasonsDto): Promise<StaffApplicationView> {
    return this.change(caller, params.id, 'CLOSE', body.reasons);
  }

  private async change(caller: Caller, id: string, action: string, reasons: Array<{ field: string; reason: string }>): Promise<StaffApplicationView> {
    const { application } = await this.merchants.changeMerchantStatus({ applicationId: id, actorId: caller.subjectId, action, reasons });
    return toStaffApplicationView(application!);
  }
}
