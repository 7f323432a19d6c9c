import type { UploadDocumentRequest } from '#contracts/merchant';
import { IsIn, IsString } from 'class-validator';
import { DOCUMENT_KINDS } from '../../documents/document.js';
import { IsMerchantId, IsSubject } from '../../shared/identifiers.js';

export class UploadDocumentRequestDto implements UploadDocumentRequest {
  @IsMerchantId()
  merchantId: string;

  @IsSubject()
  actorId: string;

  @IsString()
  @IsIn(DOCUMENT_KINDS)
  kind: (typeof DOCUMENT_KINDS)[number];

  // Size and type are the use case's to judge, with their own codes.
  content: Uint8Array;
}
