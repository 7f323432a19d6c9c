import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ListEntriesRequest } from '#contracts/risk';
import { LIST_NAMES } from '../list-names.js';

export class ListEntriesRequestDto implements ListEntriesRequest {
  @IsIn(LIST_NAMES)
  list: string;

  /** 0 (unset) means the default page size. */
  @IsInt()
  @Min(0)
  @Max(500)
  limit: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
