import type { SubmitApplicationRequest } from '#contracts/merchant';
import { IsIP } from 'class-validator';
import { IsMerchantId, IsRecordId, IsSubject } from '../../shared/identifiers.js';

export class SubmitApplicationRequestDto implements SubmitApplicationRequest {
  @IsMerchantId()
  merchantId: string;

  @IsSubject()
  actorId: string;

  @IsRecordId()
  applicationId: string;

  @IsIP()
  clientIp: string;
}
