import type { AuthorizeDisclosureRequest } from '#contracts/privacy';
import { ArrayMaxSize, ArrayMinSize, IsObject, IsString, Length, Matches } from 'class-validator';
import { IsSubjectId } from '../../consents/subject-id.js';

export class AuthorizeDisclosureRequestDto implements AuthorizeDisclosureRequest {
  @IsSubjectId()
  subjectId: string;

  @IsString()
  @Length(1, 64)
  recipientId: string;

  @IsString()
  @Length(1, 64)
  purpose: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { each: true })
  fields: string[];

  @Matches(/^[a-z][a-z0-9-]{0,31}$/)
  requestedBy: string;

  @IsObject()
  references: { [key: string]: string };
}
