import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { PRIVACY_CLIENT, type PrivacyClient } from '../../backends/backend-clients.js';
import { Roles } from '../../edge/auth/access.decorators.js';
import type { Caller } from '../../edge/auth/caller.js';
import { CurrentCaller } from '../../edge/auth/current-caller.decorator.js';

export class UnmaskDto {
  @ApiProperty({ minLength: 10, maxLength: 500, description: 'Why the data is needed in clear; recorded in the audit log.' })
  @IsString()
  @Length(10, 500)
  reason: string;
}

export class SubjectParam {
  @Matches(/^[A-Za-z0-9._:@-]{1,128}$/)
  subject_id: string;
}

export class UnmaskedView {
  @ApiProperty({ description: "Every service's data about the subject, in clear" }) sections: Record<string, unknown>;
  @ApiProperty({ description: 'The audit entry that records this unmasking' }) audit_seq: string;
}

/** The one staff view in clear: privacy officers only, with a reason, always audited. */
@ApiTags('staff')
@ApiBearerAuth()
@Controller('v1/analyst/subjects')
export class UnmaskHttpController {
  constructor(@Inject(PRIVACY_CLIENT) private readonly privacy: PrivacyClient) {}

  @Post(':subject_id/unmask')
  @HttpCode(200)
  @Roles('privacy_officer')
  @ApiOkResponse({ type: UnmaskedView })
  async unmask(@CurrentCaller() caller: Caller, @Param() params: SubjectParam, @Body() body: UnmaskDto): Promise<UnmaskedView> {
    const response = await this.privacy.unmaskSubject(
      { subjectId: params.subject_id, reason: body.reason, officerId: caller.subjectId },
      { timeoutMs: 60_000 },
    );
    return {
      sections: Object.fromEntries(response.sections.map((section) => [section.service, JSON.parse(section.dataJson) as unknown])),
      audit_seq: response.auditSeq,
    };
  }
}
