import type { CompleteDisclosureRequest } from '#contracts/privacy';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { OUTCOMES } from '../disclosure.js';

export class CompleteDisclosureRequestDto implements CompleteDisclosureRequest {
  @IsUUID()
  disclosureId: string;

  @IsIn(OUTCOMES)
  outcome: string;

  @IsBoolean()
  billed: boolean;

  @IsInt()
  @Min(0)
  @Max(3_600_000)
  latencyMs: number;

  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/)
  resultCode?: string;
}
