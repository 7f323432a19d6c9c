import type { SubmitIdentityRequest } from '#contracts/identity';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { DeviceContextDto } from '../../risk/device-context.request.js';
import { IsSessionId } from '../session-id.js';
import { IsSubjectId } from '../subject-id.js';

/** Shapes only: malformed names and ID numbers are factor results (ID_NUMBER_INVALID, NAME_INVALID), not errors. */
export class SubmitIdentityRequestDto implements SubmitIdentityRequest {
  @IsSubjectId()
  subjectId: string;

  @IsSessionId()
  sessionId: string;

  @IsString()
  @Length(1, 64)
  name: string;

  @IsString()
  @Length(1, 32)
  idNumber: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => DeviceContextDto)
  context: DeviceContextDto | undefined;
}
