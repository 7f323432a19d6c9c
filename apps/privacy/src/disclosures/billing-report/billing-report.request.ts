import type { GetBillingReportRequest } from '#contracts/privacy';
import { IsISO8601, Matches } from 'class-validator';

export class GetBillingReportRequestDto implements GetBillingReportRequest {
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  fromDate: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  toDate: string;
}
