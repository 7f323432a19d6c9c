import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { CompleteDisclosureResponse, PrivacyServiceController } from '#contracts/privacy';
import type { DisclosureOutcome } from '../disclosure.js';
import { CompleteDisclosureRequestDto } from './complete-disclosure.request.js';
import { CompleteDisclosureUseCase } from './complete-disclosure.use-case.js';

@Controller()
export class CompleteDisclosureGrpcController implements Pick<PrivacyServiceController, 'completeDisclosure'> {
  constructor(private readonly useCase: CompleteDisclosureUseCase) {}

  @GrpcMethod('PrivacyService', 'CompleteDisclosure')
  async completeDisclosure(@Payload() request: CompleteDisclosureRequestDto): Promise<CompleteDisclosureResponse> {
    await this.useCase.execute({ ...request, outcome: request.outcome as DisclosureOutcome });
    return {};
  }
}
