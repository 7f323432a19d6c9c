import type { DecideReviewRequest, Reason } from '#contracts/merchant';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsRecordId, IsSubject } from '../../shared/identifiers.js';

export class ReasonDto implements Reason {
  @IsString()
  @MaxLength(100)
  field: string;

  @IsString()
  @MaxLength(500)
  reason: string;
}

export class DecideReviewRequestDto implements DecideReviewRequest {
  @IsRecordId()
  applicationId: string;

  @IsSubject()
  reviewerId: string;

  @IsIn(['APPROVE', 'REJECT', 'REQUEST_INFO'])
  decision: 'APPROVE' | 'REJECT' | 'REQUEST_INFO';

  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ReasonDto)
  reasons: ReasonDto[];
}
