import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ListRulesetsRequest } from '#contracts/risk';

export class ListRulesetsRequestDto implements ListRulesetsRequest {
  @IsInt()
  @Min(0)
  @Max(500)
  limit: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
