import type { GetApplicationRequest } from '#contracts/merchant';
import { IsMerchantId, IsRecordId } from '../../shared/identifiers.js';

export class GetApplicationRequestDto implements GetApplicationRequest {
  @IsMerchantId()
  merchantId: string;

  @IsRecordId()
  applicationId: string;
}
