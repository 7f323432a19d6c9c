import type { SetWebhookRequest } from '#contracts/merchant';
import { IsString, MaxLength } from 'class-validator';
import { IsMerchantId, IsSubject } from '../../shared/identifiers.js';

export class SetWebhookRequestDto implements SetWebhookRequest {
  @IsMerchantId()
  merchantId: string;

  @IsSubject()
  actorId: string;

  @IsString()
  @MaxLength(2048)
  url: string;

  @IsString()
  @MaxLength(256)
  secret: string;
}
