import type { ApplicationForm, CreateApplicationRequest } from '#contracts/merchant';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { IsMerchantId, IsSubject } from '../../shared/identifiers.js';
import { MERCHANT_TYPES } from '../application.js';

export class CreateApplicationRequestDto implements CreateApplicationRequest {
  @IsMerchantId()
  merchantId: string;

  @IsSubject()
  actorId: string;

  /** The merchant's own key for this application. */
  @Matches(/^[A-Za-z0-9._:-]{1,64}$/)
  businessCode: string;

  @IsIn(MERCHANT_TYPES)
  type: (typeof MERCHANT_TYPES)[number];

  // Field by field, with paths the merchant recognises, by the use case.
  @IsOptional()
  form: ApplicationForm | undefined;
}
