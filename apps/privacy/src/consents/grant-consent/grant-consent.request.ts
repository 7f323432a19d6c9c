import type { GrantConsentRequest } from '#contracts/privacy';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CHANNELS } from '../consent.js';
import { IsSubjectId } from '../subject-id.js';

export class GrantConsentRequestDto implements GrantConsentRequest {
  @IsSubjectId()
  subjectId: string;

  @IsString()
  @Length(1, 64)
  purpose: string;

  @IsString()
  @Length(1, 32)
  policyVersion: string;

  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/)
  policyTextSha256?: string;

  @IsIn(CHANNELS)
  channel: string;
}
