import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsUUID, ValidateNested } from 'class-validator';
import type { RemoveListEntryRequest } from '#contracts/risk';
import { CallerDto } from '../../shared/caller.request.js';
import { LIST_NAMES } from '../list-names.js';

export class RemoveListEntryRequestDto implements RemoveListEntryRequest {
  @IsDefined()
  @ValidateNested()
  @Type(() => CallerDto)
  caller: CallerDto;

  @IsIn(LIST_NAMES)
  list: string;

  @IsUUID()
  entryId: string;
}
