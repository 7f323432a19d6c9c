import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBase64, IsIn, IsNumber, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { WithDeviceContextDto } from './device-context.dto.js';

const LEVELS = ['L1', 'L2', 'L3'] as const;
const STATUSES = ['OPEN', 'VERIFIED', 'FAILED', 'LOCKED', 'EXPIRED'] as const;
const FACTOR_TYPES = ['IDENTITY', 'LIVENESS', 'BANK_CARD'] as const;
const RESULTS = ['MATCH', 'MISMATCH', 'NO_RECORD', 'REJECTED', 'UNAVAILABLE'] as const;

export class CreateSessionDto {
  @ApiProperty({ enum: LEVELS, description: 'L1: ID match; L2: + liveness and face match; L3: + bank-card four-element match.' })
  @IsIn(LEVELS)
  target_level: string;
}

export class SessionIdParam {
  @IsString()
  @Length(1, 64)
  id: string;
}

// Shapes only: a malformed ID number, card or phone is a factor result with its reason code, not a 400.
export class SubmitIdentityDto extends WithDeviceContextDto {
  @ApiProperty({ example: '张伟' })
  @IsString()
  @Length(1, 64)
  name: string;

  @ApiProperty({ example: '11010519491231002X' })
  @IsString()
  @Length(1, 32)
  id_number: string;
}

export class SubmitLivenessDto extends WithDeviceContextDto {
  @ApiProperty({ minimum: 0, maximum: 100, description: "The liveness SDK's score of the frame." })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  liveness_score: number;

  @ApiProperty({ description: "Standard base64 of the SDK's best frame, a JPEG of at most 2 MB. Never stored." })
  @IsString()
  // The body limit (4 MB) bounds it first; this keeps the gRPC message well under its 8 MB limit.
  @MaxLength(4 * 1024 * 1024)
  @IsBase64()
  face_image: string;
}

export class SubmitBankCardDto extends WithDeviceContextDto {
  @ApiProperty({ example: '6222020200112233445' })
  @IsString()
  @Length(1, 40)
  card_number: string;

  @ApiProperty({ example: '13800138000', description: 'The phone number the bank holds for the card.' })
  @IsString()
  @Length(1, 32)
  phone: string;
}

export class MaskedIdentityView {
  @ApiProperty({ nullable: true, type: String, example: '*伟' }) name: string | null;
  @ApiProperty({ nullable: true, type: String, example: '1****************X' }) id_number: string | null;
  @ApiProperty({ nullable: true, type: String, example: '622202*********3445' }) card_number: string | null;
  @ApiProperty({ nullable: true, type: String, example: '138****8000' }) phone: string | null;
}

export class FactorView {
  @ApiProperty({ enum: FACTOR_TYPES }) type: string;
  @ApiProperty({ enum: RESULTS }) result: string;
  @ApiProperty({ nullable: true, type: String }) reason_code: string | null;
  @ApiProperty() at: string;
}

export class SessionView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ enum: LEVELS }) target_level: string;
  @ApiProperty({ enum: ['NONE', ...LEVELS], description: 'What this session has reached so far.' }) level: string;
  @ApiProperty({ type: [FactorView] }) factors: FactorView[];
  @ApiProperty({ type: MaskedIdentityView }) masked: MaskedIdentityView;
  @ApiProperty() expires_at: string;
  @ApiProperty() created_at: string;
}

export class FactorResultView {
  @ApiProperty({ enum: FACTOR_TYPES }) type: string;
  @ApiProperty({ enum: RESULTS }) result: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null for MATCH; see docs/identity.md for the codes.' }) reason_code: string | null;
  @ApiProperty({ description: 'True when retrying the same submission later may succeed (upstream trouble).' }) retryable: boolean;
  @ApiProperty({ type: SessionView }) session: SessionView;
}

export class VerificationLevelView {
  @ApiProperty({ enum: ['NONE', ...LEVELS], description: 'The highest level ever verified.' }) level: string;
  @ApiPropertyOptional({ nullable: true, type: String }) verified_at: string | null;
}
