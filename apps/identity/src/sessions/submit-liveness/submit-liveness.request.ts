import type { SubmitLivenessRequest } from '#contracts/identity';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { DeviceContextDto } from '../../risk/device-context.request.js';
import { IsSessionId } from '../session-id.js';
import { IsSubjectId } from '../subject-id.js';

/** The image is checked by the use case (JPEG, size) so a bad one is a factor result. */
export class SubmitLivenessRequestDto implements SubmitLivenessRequest {
  @IsSubjectId()
  subjectId: string;

  @IsSessionId()
  sessionId: string;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  livenessScore: number;

  faceImage: Uint8Array;

  @IsOptional()
  @ValidateNested()
  @Type(() => DeviceContextDto)
  context: DeviceContextDto | undefined;
}
