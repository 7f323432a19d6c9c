import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsISO8601, Matches } from 'class-validator';
import { PRIVACY_CLIENT, type PrivacyClient } from '../../backends/backend-clients.js';
import { Roles } from '../../edge/auth/access.decorators.js';

export class BillingQueryDto {
  @ApiProperty({ example: '2026-11-01', description: 'First day, China time' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  from: string;

  @ApiProperty({ example: '2026-11-30', description: 'Last day, inclusive' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  to: string;
}

export class BillingRowView {
  @ApiProperty() day: string;
  @ApiProperty() recipient_id: string;
  @ApiProperty() billed_calls: number;
  @ApiProperty() unbilled_calls: number;
}

export class BillingReportView {
  @ApiProperty({ type: [BillingRowView] }) items: BillingRowView[];
}

/** Billed upstream calls per recipient per day: the cost report. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/admin/billing')
export class BillingHttpController {
  constructor(@Inject(PRIVACY_CLIENT) private readonly privacy: PrivacyClient) {}

  @Get()
  @ApiOkResponse({ type: BillingReportView })
  async report(@Query() query: BillingQueryDto): Promise<BillingReportView> {
    const { rows } = await this.privacy.getBillingReport({ fromDate: query.from, toDate: query.to });
    return { items: rows.map((row) => ({ day: row.day, recipient_id: row.recipientId, billed_calls: row.billedCalls, unbilled_calls: row.unbilledCalls })) };
  }
}
