import type { GetReviewApplicationRequest } from '#contracts/merchant';
import { IsRecordId, IsSubject } from '../../shared/identifiers.js';

export class GetReviewApplicationRequestDto implements GetReviewApplicationRequest {
  @IsRecordId()
  applicationId: string;

  @IsSubject()
  reviewerId: string;
}
