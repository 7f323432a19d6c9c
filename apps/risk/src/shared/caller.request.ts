import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { Caller as CallerMessage } from '#contracts/risk';
import { CALLER_ROLES } from './caller.js';

const ID = /^[A-Za-z0-9._:@-]+$/;

/** The caller block every mutating request carries; the gateway fills it from the verified token. */
export class CallerDto implements CallerMessage {
  @IsString()
  @Length(1, 128)
  @Matches(ID)
  subjectId: string;

  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(CALLER_ROLES, { each: true })
  roles: string[];

  @IsOptional()
  @IsString()
  @Length(1, 128)
  @Matches(ID)
  merchantId?: string;
}
