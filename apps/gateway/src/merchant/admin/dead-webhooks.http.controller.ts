import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { DeadWebhook } from '#contracts/merchant';
import { MERCHANT_CLIENT, type MerchantClient } from '../../backends/backend-clients.js';
import { Roles } from '../../edge/auth/access.decorators.js';
import type { Caller } from '../../edge/auth/caller.js';
import { CurrentCaller } from '../../edge/auth/current-caller.decorator.js';
import { Idempotent } from '../../edge/idempotency/idempotent.decorator.js';

export class DeadWebhookQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Za-z0-9._:@-]{1,128}$/) merchant_id?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(512) cursor?: string;
}

export class DeadWebhookParam {
  @IsString()
  @MaxLength(32)
  id: string;
}

export class DeadWebhookView {
  @ApiProperty({ description: 'Replay takes this id' }) id: string;
  @ApiProperty() event_id: string;
  @ApiProperty() event_type: string;
  @ApiProperty() merchant_id: string;
  @ApiProperty() application_id: string;
  @ApiProperty() status: string;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional() last_error?: string;
  @ApiProperty() created_at: string;
  @ApiProperty({ enum: ['DEAD', 'PENDING', 'DELIVERED'] }) delivery_status: string;
}

export class DeadWebhookPageView {
  @ApiProperty({ type: [DeadWebhookView] }) items: DeadWebhookView[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
}

const toView = (dead: DeadWebhook): DeadWebhookView => ({
  id: dead.id,
  event_id: dead.eventId,
  event_type: dead.eventType,
  merchant_id: dead.merchantId,
  application_id: dead.applicationId,
  status: dead.status,
  attempts: dead.attempts,
  ...(dead.lastError ? { last_error: dead.lastError } : {}),
  created_at: dead.createdAt,
  delivery_status: dead.deliveryStatus,
});

/** Webhook events that ran out of attempts: list them, and replay one once the receiver is fixed. */
@ApiTags('merchant admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/admin/merchant-webhooks/dead-letters')
export class DeadWebhooksHttpController {
  constructor(@Inject(MERCHANT_CLIENT) private readonly merchants: MerchantClient) {}

  @Get()
  @ApiOkResponse({ type: DeadWebhookPageView })
  async list(@Query() query: DeadWebhookQueryDto): Promise<DeadWebhookPageView> {
    const page = await this.merchants.listDeadWebhooks({ merchantId: query.merchant_id, limit: query.limit ?? 50, cursor: query.cursor });
    return { items: page.items.map(toView), next_cursor: page.nextCursor ?? null };
  }

  @Post(':id/replay')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: DeadWebhookView, description: 'Queued again with a fresh attempt budget and the same event id; audited.' })
  async replay(@CurrentCaller() caller: Caller, @Param() params: DeadWebhookParam): Promise<DeadWebhookView> {
    const { webhook } = await this.merchants.replayDeadWebhook({ id: params.id, actorId: caller.subjectId });
    return toView(webhook!);
  }
}
