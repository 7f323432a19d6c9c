import { Type } from 'class-transformer';
import { IsDefined, IsInt, Min, ValidateNested } from 'class-validator';
import type { PublishRulesetRequest } from '#contracts/risk';
import { CallerDto } from '../../shared/caller.request.js';

export class PublishRulesetRequestDto implements PublishRulesetRequest {
  @IsDefined()
  @ValidateNested()
  @Type(() => CallerDto)
  caller: CallerDto;

  @IsInt()
  @Min(1)
  version: number;
}
