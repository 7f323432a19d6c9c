import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IDENTITY_CLIENT, type IdentityClient } from '../backends/backend-clients.js';
import { Roles } from '../edge/auth/access.decorators.js';
import type { Caller } from '../edge/auth/caller.js';
import { CurrentCaller } from '../edge/auth/current-caller.decorator.js';
import { VerificationLevelView } from './kyc.dto.js';

@ApiTags('kyc')
@ApiBearerAuth()
@Roles('user')
@Controller('v1/kyc/me')
export class KycMeHttpController {
  constructor(@Inject(IDENTITY_CLIENT) private readonly identity: IdentityClient) {}

  @Get()
  @ApiOkResponse({ type: VerificationLevelView, description: 'The highest level the caller has ever verified; it survives new sessions.' })
  async level(@CurrentCaller() caller: Caller): Promise<VerificationLevelView> {
    const { level, verifiedAt } = await this.identity.getVerificationLevel({ subjectId: caller.subjectId });
    return { level, verified_at: verifiedAt ?? null };
  }
}
