import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { WebhookSettings } from '#contracts/merchant';
import { MERCHANT_CLIENT, type MerchantClient } from '../../backends/backend-clients.js';
import { Roles } from '../../edge/auth/access.decorators.js';
import type { Caller } from '../../edge/auth/caller.js';
import { CurrentCaller } from '../../edge/auth/current-caller.decorator.js';
import { merchantIdOf } from '../merchant-caller.js';

export class WebhookDto {
  @ApiProperty({ example: 'https://hooks.example.com/kyc', description: 'https in production; private and loopback addresses are refused' })
  @IsString()
  @MaxLength(2048)
  url: string;

  @ApiProperty({ description: '16-256 printable ASCII characters. Signs every delivery; stored encrypted and never returned.' })
  @IsString()
  @MaxLength(256)
  secret: string;
}

export class WebhookView {
  @ApiProperty() url: string;
  @ApiProperty({ example: 'X-KYC-Signature', description: 'Carries t=<unix seconds>,v1=<hex HMAC-SHA-256 of "<t>.<raw body>">' }) signature_header: string;
  @ApiProperty() updated_at: string;
}

const toView = (settings: WebhookSettings): WebhookView => ({ url: settings.url, signature_header: settings.signatureHeader, updated_at: settings.updatedAt });

@ApiTags('merchant onboarding')
@ApiBearerAuth()
@Roles('merchant')
@Controller('v1/merchant/webhook')
export class MerchantWebhookHttpController {
  constructor(@Inject(MERCHANT_CLIENT) private readonly merchants: MerchantClient) {}

  @Put()
  @ApiOkResponse({ type: WebhookView, description: 'Every later status change of this merchant is delivered here, signed with the secret.' })
  async set(@CurrentCaller() caller: Caller, @Body() body: WebhookDto): Promise<WebhookView> {
    const { webhook } = await this.merchants.setWebhook({ merchantId: merchantIdOf(caller), actorId: caller.subjectId, url: body.url, secret: body.secret });
    return toView(webhook!);
  }

  @Get()
  @ApiOkResponse({ type: WebhookView })
  async get(@CurrentCaller() caller: Caller): Promise<WebhookView> {
    const { webhook } = await this.merchants.getWebhook({ merchantId: merchantIdOf(caller) });
    return toView(webhook!);
  }
}
