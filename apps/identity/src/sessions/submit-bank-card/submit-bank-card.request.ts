import type { SubmitBankCardRequest } from '#contracts/identity';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { DeviceContextDto } from '../../risk/device-context.request.js';
import { IsSessionId } from '../session-id.js';
import { IsSubjectId } from '../subject-id.js';

/** Shapes only: a malformed card or phone is a factor result (CARD_NUMBER_INVALID, PHONE_INVALID), not an error. */
export class SubmitBankCardRequestDto implements SubmitBankCardRequest {
  @IsSubjectId()
  subjectId: string;

  @IsSessionId()
  sessionId: string;

  @IsString()
  @Length(1, 40)
  cardNumber: string;

  @IsString()
  @Length(1, 32)
  phone: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => DeviceContextDto)
  context: DeviceContextDto | undefined;
}
