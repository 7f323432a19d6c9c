import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsISO8601, Max, Min, ValidateNested } from 'class-validator';
import type { BacktestRulesetRequest } from '#contracts/risk';
import { CallerDto } from '../../shared/caller.request.js';

export class BacktestRulesetRequestDto implements BacktestRulesetRequest {
  @IsDefined()
  @ValidateNested()
  @Type(() => CallerDto)
  caller: CallerDto;

  @IsInt()
  @Min(1)
  version: number;

  @IsISO8601({ strict: true })
  from: string;

  @IsISO8601({ strict: true })
  to: string;

  /** 0 means the default. */
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  maxDecisions: number;
}
