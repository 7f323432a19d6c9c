import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { PRIVACY_CLIENT, type PrivacyClient } from '../../backends/backend-clients.js';
import { Roles } from '../../edge/auth/access.decorators.js';
import type { Caller } from '../../edge/auth/caller.js';
import { CurrentCaller } from '../../edge/auth/current-caller.decorator.js';

export class RetentionRunDto {
  @ApiPropertyOptional({ description: 'Sweep as of this time. Honoured outside production only (drills and tests).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  as_of?: string;
}

export class RetentionRunView {
  @ApiProperty() as_of: string;
  @ApiProperty({ description: 'Counts per service and action' }) counts: Record<string, number>;
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin/retention')
export class RetentionHttpController {
  constructor(@Inject(PRIVACY_CLIENT) private readonly privacy: PrivacyClient) {}

  @Post('run')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ type: RetentionRunView, description: 'Runs the retention sweep now; audited with its counts.' })
  async run(@CurrentCaller() caller: Caller, @Body() body: RetentionRunDto): Promise<RetentionRunView> {
    const response = await this.privacy.runRetention({ asOf: body.as_of, requestedBy: caller.subjectId }, { timeoutMs: 600_000 });
    return { as_of: response.asOf, counts: response.counts };
  }
}
