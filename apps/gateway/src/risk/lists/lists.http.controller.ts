import { Body, Controller, Delete, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { RISK_CLIENT, type RiskClient } from '../../backends/backend-clients.js';
import { Roles } from '../../edge/auth/access.decorators.js';
import type { Caller } from '../../edge/auth/caller.js';
import { CurrentCaller } from '../../edge/auth/current-caller.decorator.js';
import { Idempotent } from '../../edge/idempotency/idempotent.decorator.js';
import { toCallerMessage } from '../risk-caller.js';
import { AddListEntryDto, LIST_NAMES, ListEntriesQueryDto, ListEntryPageView, ListEntryParam, ListEntryView, ListParam } from './list-entry.dto.js';
import { toListEntryView } from './list-entry.mapper.js';

@ApiTags('analysts')
@ApiBearerAuth()
@Roles('risk_analyst')
@ApiParam({ name: 'list', enum: LIST_NAMES })
@Controller('v1/analyst/lists/:list/entries')
export class ListsHttpController {
  constructor(@Inject(RISK_CLIENT) private readonly risk: RiskClient) {}

  @Get()
  @ApiOkResponse({ type: ListEntryPageView, description: 'Entries not removed, newest first; expired ones are flagged.' })
  async list(@Param() params: ListParam, @Query() query: ListEntriesQueryDto): Promise<ListEntryPageView> {
    const page = await this.risk.listEntries({ list: params.list, limit: query.limit ?? 0, cursor: query.cursor });
    return { items: page.items.map(toListEntryView), next_cursor: page.nextCursor ?? null };
  }

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: ListEntryView, description: 'Audited. 409 LIST_ENTRY_EXISTS when the value is already listed.' })
  async add(@CurrentCaller() caller: Caller, @Param() params: ListParam, @Body() body: AddListEntryDto): Promise<ListEntryView> {
    const { entry } = await this.risk.addListEntry({
      caller: toCallerMessage(caller),
      list: params.list,
      value: body.value,
      reason: body.reason,
      expiresAt: body.expires_at,
    });
    return toListEntryView(entry!);
  }

  @Delete(':entry_id')
  @ApiOkResponse({ type: ListEntryView, description: 'The removed entry. Audited.' })
  async remove(@CurrentCaller() caller: Caller, @Param() params: ListEntryParam): Promise<ListEntryView> {
    const { entry } = await this.risk.removeListEntry({ caller: toCallerMessage(caller), list: params.list, entryId: params.entry_id });
    return toListEntryView(entry!);
  }
}
