import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONSENT_PURPOSES } from '#libs/sharing';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

export class GrantConsentDto {
  @ApiProperty({ enum: CONSENT_PURPOSES })
  @IsIn(CONSENT_PURPOSES)
  purpose: string;

  @ApiProperty({ example: '2026-10', description: 'The privacy policy version the user was shown.' })
  @IsString()
  @Length(1, 32)
  policy_version: string;

  @ApiPropertyOptional({ description: 'Hex SHA-256 of the policy text shown; checked against the published text.' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/)
  policy_text_sha256?: string;

  @ApiPropertyOptional({ enum: ['app', 'web', 'pos', 'api'], default: 'api' })
  @IsOptional()
  @IsIn(['app', 'web', 'pos', 'api'])
  channel?: string;
}

export class ConsentView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: CONSENT_PURPOSES }) purpose: string;
  @ApiProperty({ enum: ['GRANTED', 'WITHDRAWN'] }) status: string;
  @ApiProperty() policy_version: string;
  @ApiProperty() policy_text_sha256: string;
  @ApiProperty() channel: string;
  @ApiProperty() granted_at: string;
  @ApiPropertyOptional() withdrawn_at?: string;
}

export class ConsentEventView {
  @ApiProperty() id: string;
  @ApiProperty() purpose: string;
  @ApiProperty({ enum: ['GRANT', 'WITHDRAW'] }) action: string;
  @ApiProperty() policy_version: string;
  @ApiProperty() channel: string;
  @ApiProperty() occurred_at: string;
}

export class ConsentListView {
  @ApiProperty({ type: [ConsentView] }) items: ConsentView[];
  @ApiProperty({ type: [ConsentEventView] }) history: ConsentEventView[];
}

export class PurposeParam {
  @IsIn(CONSENT_PURPOSES)
  purpose: string;
}
