import type { CheckRealNameRequest } from '#contracts/identity';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { IsSubjectId } from '../../sessions/subject-id.js';
import type { RealNamePurpose } from '../../verification/verifiers.js';

/** The purposes the ID authority is registered for (config/recipients.yaml). */
const PURPOSES: RealNamePurpose[] = ['merchant_onboarding', 'real_name_verification'];

/** Shapes only: a malformed ID number or name is a REJECTED result, not an error. */
export class CheckRealNameRequestDto implements CheckRealNameRequest {
  @IsSubjectId()
  subjectId: string;

  @IsString()
  @Length(1, 64)
  name: string;

  @IsString()
  @Length(1, 32)
  idNumber: string;

  @IsIn(PURPOSES)
  purpose: RealNamePurpose;

  // As the privacy service records it on the disclosure.
  @Matches(/^[a-z][a-z0-9-]{0,31}$/)
  requestedBy: string;
}
