import type { ApplicationForm, UpdateApplicationRequest } from '#contracts/merchant';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsRecordId, IsMerchantId, IsSubject } from '../../shared/identifiers.js';

export class UpdateApplicationRequestDto implements UpdateApplicationRequest {
  @IsMerchantId()
  merchantId: string;

  @IsSubject()
  actorId: string;

  @IsRecordId()
  applicationId: string;

  @IsOptional()
  form: ApplicationForm | undefined;

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(80, { each: true })
  clearFields: string[];
}
