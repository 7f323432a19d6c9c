import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsISO8601, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import type { AddListEntryRequest } from '#contracts/risk';
import { CallerDto } from '../../shared/caller.request.js';
import { LIST_NAMES } from '../list-names.js';

export class AddListEntryRequestDto implements AddListEntryRequest {
  @IsDefined()
  @ValidateNested()
  @Type(() => CallerDto)
  caller: CallerDto;

  @IsIn(LIST_NAMES)
  list: string;

  @IsString()
  @Length(1, 64)
  value: string;

  @IsString()
  @Length(1, 500)
  reason: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}
