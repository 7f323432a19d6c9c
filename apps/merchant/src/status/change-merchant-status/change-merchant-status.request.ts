import type { ChangeMerchantStatusRequest } from '#contracts/merchant';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, ValidateNested } from 'class-validator';
import { ReasonDto } from '../../review/decide-review/decide-review.request.js';
import { IsRecordId, IsSubject } from '../../shared/identifiers.js';

export class ChangeMerchantStatusRequestDto implements ChangeMerchantStatusRequest {
  @IsRecordId()
  applicationId: string;

  @IsSubject()
  actorId: string;

  @IsIn(['ACTIVATE', 'SUSPEND', 'CLOSE'])
  action: 'ACTIVATE' | 'SUSPEND' | 'CLOSE';

  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ReasonDto)
  reasons: ReasonDto[];
}
