import type { ListDeadWebhooksRequest } from '#contracts/merchant';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsMerchantId } from '../../shared/identifiers.js';

export class ListDeadWebhooksRequestDto implements ListDeadWebhooksRequest {
  @IsOptional()
  @IsMerchantId()
  merchantId?: string;

  /** 0 means the default (50). */
  @IsInt()
  @Min(0)
  @Max(500)
  limit: number;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}
