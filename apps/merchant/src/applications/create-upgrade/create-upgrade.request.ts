import type { BusinessLicense, CreateUpgradeRequest, CreditCardAuthorization } from '#contracts/merchant';
import { IsIn, IsOptional } from 'class-validator';
import { IsMerchantId, IsRecordId, IsSubject } from '../../shared/identifiers.js';

export class CreateUpgradeRequestDto implements CreateUpgradeRequest {
  @IsMerchantId()
  merchantId: string;

  @IsSubject()
  actorId: string;

  @IsRecordId()
  applicationId: string;

  @IsIn(['L2', 'L3'])
  targetLevel: 'L2' | 'L3';

  @IsOptional()
  creditCardAuthorization: CreditCardAuthorization | undefined;

  @IsOptional()
  businessLicense: BusinessLicense | undefined;
}
