import type { GetWebhookRequest } from '#contracts/merchant';
import { IsMerchantId } from '../../shared/identifiers.js';

export class GetWebhookRequestDto implements GetWebhookRequest {
  @IsMerchantId()
  merchantId: string;
}
