import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { ListDisclosuresResponse, PrivacyServiceController } from '#contracts/privacy';
import type { RecipientRegistry } from '#libs/sharing';
import { RECIPIENT_REGISTRY } from '../../registry/registry.tokens.js';
import { toDisclosureMessage } from '../disclosure.mapper.js';
import { ListDisclosuresRequestDto } from './list-disclosures.request.js';
import { ListDisclosuresUseCase } from './list-disclosures.use-case.js';

@Controller()
export class ListDisclosuresGrpcController implements Pick<PrivacyServiceController, 'listDisclosures'> {
  constructor(
    private readonly useCase: ListDisclosuresUseCase,
    @Inject(RECIPIENT_REGISTRY) private readonly registry: RecipientRegistry,
  ) {}

  @GrpcMethod('PrivacyService', 'ListDisclosures')
  async listDisclosures(@Payload() request: ListDisclosuresRequestDto): Promise<ListDisclosuresResponse> {
    const page = await this.useCase.execute(request.subjectId, request.limit, request.cursor);
    return { items: page.items.map((item) => toDisclosureMessage(item, this.registry)), nextCursor: page.nextCursor };
  }
}
