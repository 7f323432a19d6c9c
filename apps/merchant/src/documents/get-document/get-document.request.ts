import type { GetDocumentRequest } from '#contracts/merchant';
import { IsString, MaxLength } from 'class-validator';
import { IsMerchantId } from '../../shared/identifiers.js';

export class GetDocumentRequestDto implements GetDocumentRequest {
  @IsMerchantId()
  merchantId: string;

  // Any string: an id that is not one of ours is simply not found.
  @IsString()
  @MaxLength(64)
  documentId: string;
}
