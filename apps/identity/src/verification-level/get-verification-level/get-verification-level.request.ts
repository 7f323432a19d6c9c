import { IsString, Length } from 'class-validator';
import type { GetVerificationLevelRequest } from '#contracts/identity';

export class GetVerificationLevelRequestDto implements GetVerificationLevelRequest {
  @IsString()
  @Length(1, 128)
  subjectId: string;
}
