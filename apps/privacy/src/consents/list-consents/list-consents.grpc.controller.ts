import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { ListConsentsResponse, PrivacyServiceController } from '#contracts/privacy';
import { toConsentEventMessage, toConsentMessage } from '../consent.mapper.js';
import { ListConsentsRequestDto } from './list-consents.request.js';
import { ListConsentsUseCase } from './list-consents.use-case.js';

@Controller()
export class ListConsentsGrpcController implements Pick<PrivacyServiceController, 'listConsents'> {
  constructor(private readonly useCase: ListConsentsUseCase) {}

  @GrpcMethod('PrivacyService', 'ListConsents')
  async listConsents(@Payload() request: ListConsentsRequestDto): Promise<ListConsentsResponse> {
    const { consents, history } = await this.useCase.execute(request.subjectId);
    return { consents: consents.map(toConsentMessage), history: history.map(toConsentEventMessage) };
  }
}
