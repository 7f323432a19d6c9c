import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';

export const LIST_NAMES = ['device_block', 'ip_block', 'id_block', 'card_block', 'device_allow'] as const;

export class ListParam {
  @IsIn(LIST_NAMES) list: string;
}

export class ListEntryParam extends ListParam {
  @IsUUID() entry_id: string;
}

export class ListEntriesQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class AddListEntryDto {
  @ApiProperty({
    description:
      'device_*: a device id (dv_…); ip_block: an IP or CIDR; id_block: an ID number; card_block: a card number. ID numbers and cards are kept only as a blind index.',
  })
  @IsString()
  @Length(1, 64)
  value: string;

  @ApiProperty({ description: 'Why; shown to analysts. Must not contain personal data.' }) @IsString() @Length(1, 500) reason: string;
  @ApiPropertyOptional({ description: 'RFC 3339; the entry stops applying then.' }) @IsOptional() @IsISO8601({ strict: true }) expires_at?: string;
}

export class ListEntryView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: LIST_NAMES }) list: string;
  @ApiProperty({ nullable: true, type: String, description: 'Device id or network; null for ID numbers and cards.' }) value: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'First 12 hex characters of the blind index (ID numbers and cards).' }) blind_index_prefix:
    string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ nullable: true, type: String }) expires_at: string | null;
  @ApiProperty() expired: boolean;
  @ApiProperty() created_at: string;
  @ApiProperty() created_by: string;
}

export class ListEntryPageView {
  @ApiProperty({ type: [ListEntryView] }) items: ListEntryView[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
}
