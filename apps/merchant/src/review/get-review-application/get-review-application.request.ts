import type { GetReviewApplicationRequest } from '#contracts/merchant';
import { IsRecordId } from '../../shared/identifiers.js';

export class GetReviewApplicationRequestDto implements GetReviewApplicationRequest {
  @IsRecordId()
  applicationId: string;
}
