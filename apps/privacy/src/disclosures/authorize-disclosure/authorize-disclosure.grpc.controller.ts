import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { AuthorizeDisclosureResponse, PrivacyServiceController } from '#contracts/privacy';
import { AuthorizeDisclosureRequestDto } from './authorize-disclosure.request.js';
import { AuthorizeDisclosureUseCase } from './authorize-disclosure.use-case.js';

@Controller()
export class AuthorizeDisclosureGrpcController implements Pick<PrivacyServiceController, 'authorizeDisclosure'> {
  constructor(private readonly useCase: AuthorizeDisclosureUseCase) {}

  @GrpcMethod('PrivacyService', 'AuthorizeDisclosure')
  async authorizeDisclosure(@Payload() request: AuthorizeDisclosureRequestDto): Promise<AuthorizeDisclosureResponse> {
    const disclosure = await this.useCase.execute(request);
    return { disclosureId: disclosure.id, legalBasis: disclosure.legalBasis, fields: disclosure.fields };
  }
}
