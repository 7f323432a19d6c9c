import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { PrivacyServiceController, WithdrawConsentResponse } from '#contracts/privacy';
import { toConsentMessage } from '../consent.mapper.js';
import { WithdrawConsentRequestDto } from './withdraw-consent.request.js';
import { WithdrawConsentUseCase } from './withdraw-consent.use-case.js';

@Controller()
export class WithdrawConsentGrpcController implements Pick<PrivacyServiceController, 'withdrawConsent'> {
  constructor(private readonly useCase: WithdrawConsentUseCase) {}

  @GrpcMethod('PrivacyService', 'WithdrawConsent')
  async withdrawConsent(@Payload() request: WithdrawConsentRequestDto): Promise<WithdrawConsentResponse> {
    return { consent: toConsentMessage(await this.useCase.execute(request)) };
  }
}
