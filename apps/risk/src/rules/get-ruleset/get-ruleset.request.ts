import { IsInt, Min } from 'class-validator';
import type { GetRulesetRequest } from '#contracts/risk';

export class GetRulesetRequestDto implements GetRulesetRequest {
  @IsInt()
  @Min(1)
  version: number;
}
