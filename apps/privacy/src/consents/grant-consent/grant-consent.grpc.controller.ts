import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { GrantConsentResponse, PrivacyServiceController } from '#contracts/privacy';
import { toConsentMessage } from '../consent.mapper.js';
import { GrantConsentRequestDto } from './grant-consent.request.js';
import { GrantConsentUseCase } from './grant-consent.use-case.js';

@Controller()
export class GrantConsentGrpcController implements Pick<PrivacyServiceController, 'grantConsent'> {
  constructor(private readonly useCase: GrantConsentUseCase) {}

  @GrpcMethod('PrivacyService', 'GrantConsent')
  async grantConsent(@Payload() request: GrantConsentRequestDto): Promise<GrantConsentResponse> {
    return { consent: toConsentMessage(await this.useCase.execute(request)) };
  }
}
