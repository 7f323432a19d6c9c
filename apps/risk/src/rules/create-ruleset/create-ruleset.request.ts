import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import type { CreateRulesetRequest, Rule } from '#contracts/risk';
import { CallerDto } from '../../shared/caller.request.js';
import { OUTCOMES } from '../../shared/outcome.js';

export class RuleDto implements Rule {
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'id must be lower_snake_case, 2-64 characters' })
  id: string;

  @Matches(/^[A-Z][A-Z0-9_]{1,63}$/, { message: 'reason_code must be UPPER_SNAKE_CASE, 2-64 characters' })
  reasonCode: string;

  @IsString()
  @Length(1, 500)
  description: string;

  @IsString()
  @Length(1, 2000)
  expression: string;

  @IsInt()
  @Min(-100)
  @Max(100)
  score: number;

  @IsOptional()
  @IsIn(OUTCOMES)
  outcome?: string;
}

export class CreateRulesetRequestDto implements CreateRulesetRequest {
  @IsDefined()
  @ValidateNested()
  @Type(() => CallerDto)
  caller: CallerDto;

  @IsString()
  @Length(1, 500)
  description: string;

  @IsInt()
  @Min(1)
  @Max(100)
  reviewThreshold: number;

  @IsInt()
  @Min(1)
  @Max(100)
  denyThreshold: number;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RuleDto)
  rules: RuleDto[];

  @IsOptional()
  @IsInt()
  @Min(1)
  basedOn?: number;
}
