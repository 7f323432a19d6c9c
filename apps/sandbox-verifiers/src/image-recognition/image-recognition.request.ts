import { IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_IMAGE_BASE64_CHARS } from '../tencent/body-limit.js';

export class ImageRecognitionRequest {
  @IsString()
  @Length(1, 32)
  IdCard: string;

  @IsString()
  @Length(1, 64)
  Name: string;

  @IsString()
  @Length(1, MAX_IMAGE_BASE64_CHARS)
  ImageBase64: string;

  /** What the liveness SDK on the phone reported, 0-100. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  LivenessScore?: number;
}
