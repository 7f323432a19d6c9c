import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PRIVACY_CLIENT, type PrivacyClient } from '../../backends/backend-clients.js';
import { Roles } from '../../edge/auth/access.decorators.js';
import type { Caller } from '../../edge/auth/caller.js';
import { CurrentCaller } from '../../edge/auth/current-caller.decorator.js';
import { Idempotent } from '../../edge/idempotency/idempotent.decorator.js';
import { ConsentListView, ConsentView, GrantConsentDto, PurposeParam } from './consent.dto.js';
import { toConsentEventView, toConsentView } from './consent.mapper.js';

@ApiTags('consents')
@ApiBearerAuth()
@Roles('user')
@Controller('v1/me/consents')
export class ConsentsHttpController {
  constructor(@Inject(PRIVACY_CLIENT) private readonly privacy: PrivacyClient) {}

  @Get()
  @ApiOkResponse({ type: ConsentListView, description: 'Every consent, current and withdrawn, and the full history.' })
  async list(@CurrentCaller() caller: Caller): Promise<ConsentListView> {
    const { consents, history } = await this.privacy.listConsents({ subjectId: caller.subjectId });
    return { items: consents.map(toConsentView), history: history.map(toConsentEventView) };
  }

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: ConsentView })
  async grant(@CurrentCaller() caller: Caller, @Body() body: GrantConsentDto): Promise<ConsentView> {
    const { consent } = await this.privacy.grantConsent({
      subjectId: caller.subjectId,
      purpose: body.purpose,
      policyVersion: body.policy_version,
      policyTextSha256: body.policy_text_sha256,
      channel: body.channel ?? 'api',
    });
    return toConsentView(consent!);
  }

  @Delete(':purpose')
  @HttpCode(200)
  @ApiOkResponse({ type: ConsentView, description: 'The withdrawn consent. Later disclosures for this purpose are refused at once.' })
  async withdraw(@CurrentCaller() caller: Caller, @Param() params: PurposeParam): Promise<ConsentView> {
    const { consent } = await this.privacy.withdrawConsent({ subjectId: caller.subjectId, purpose: params.purpose, channel: 'api' });
    return toConsentView(consent!);
  }
}
