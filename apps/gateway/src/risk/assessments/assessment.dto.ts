import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsIP, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsMoneyAmount } from '#libs/errors';
import { DeviceSignalsDto } from '../device-signals.dto.js';

export const EVENT_TYPES = ['REGISTER', 'LOGIN', 'KYC', 'BIND_CARD', 'PAYMENT', 'WITHDRAW', 'MERCHANT_ONBOARD'] as const;
export const DECISIONS = ['ALLOW', 'REVIEW', 'DENY'] as const;
export class GeoDto {
  @ApiProperty({ example: 31.2304 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90) lat: number;
  @ApiProperty({ example: 121.4737 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180) lon: number;
  @ApiPropertyOptional({ example: 15, description: 'GPS accuracy in metres.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000_000)
  accuracy_m?: number;
}

export class CreateAssessmentDto {
  @ApiProperty({ enum: EVENT_TYPES }) @IsIn(EVENT_TYPES) event_type: string;

  @ApiProperty({ description: 'The end user; a user token may only assess itself.' })
  @IsString()
  @Length(1, 128)
  @Matches(/^[A-Za-z0-9._:@-]+$/)
  subject_id: string;

  @ApiProperty({ type: DeviceSignalsDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => DeviceSignalsDto)
  device: DeviceSignalsDto;

  @ApiProperty({ example: '120.24.78.68' }) @IsIP() @Matches(/^[0-9A-Fa-f:.]{2,45}$/, { message: 'ip must be an IP address without a zone' }) ip: string;

  @ApiPropertyOptional({ type: GeoDto }) @IsOptional() @ValidateNested() @Type(() => GeoDto) geo?: GeoDto;

  @ApiPropertyOptional({ description: 'In yuan, at most two decimals.' })
  @IsOptional()
  @IsMoneyAmount(2)
  @Min(0)
  @Max(1e12)
  amount?: number;

  @ApiPropertyOptional({ description: 'BIND_CARD: the card being bound (kept as a blind index and ciphertext).' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  card_number?: string;
  @ApiPropertyOptional({ description: 'KYC: the ID number being verified (kept as a blind index and ciphertext).' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  id_number?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) phone?: string;
}

export class ReasonView {
  @ApiProperty({ example: 'SHARED_DEVICE' }) code: string;
  @ApiProperty({ example: 'This device was used by 4 or more different accounts within an hour.' }) description: string;
}

export class AssessmentView {
  @ApiProperty() decision_id: string;
  @ApiProperty() device_id: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) score: number;
  @ApiProperty({ enum: DECISIONS }) decision: string;
  @ApiProperty({ type: [ReasonView] }) reasons: ReasonView[];
  @ApiProperty() ruleset_version: number;
}
