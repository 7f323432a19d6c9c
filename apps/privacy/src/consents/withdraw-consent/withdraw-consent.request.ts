import type { WithdrawConsentRequest } from '#contracts/privacy';
import { IsIn, IsString, Length } from 'class-validator';
import { CHANNELS } from '../consent.js';
import { IsSubjectId } from '../subject-id.js';

export class WithdrawConsentRequestDto implements WithdrawConsentRequest {
  @IsSubjectId()
  subjectId: string;

  @IsString()
  @Length(1, 64)
  purpose: string;

  @IsIn(CHANNELS)
  channel: string;
}
