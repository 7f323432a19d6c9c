import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { ListAuditEntriesResponse, PrivacyServiceController } from '#contracts/privacy';
import { toAuditEntryMessage } from '../audit-entry.mapper.js';
import { ListAuditEntriesRequestDto } from './list-audit-entries.request.js';
import { ListAuditEntriesUseCase } from './list-audit-entries.use-case.js';

@Controller()
export class ListAuditEntriesGrpcController implements Pick<PrivacyServiceController, 'listAuditEntries'> {
  constructor(private readonly useCase: ListAuditEntriesUseCase) {}

  @GrpcMethod('PrivacyService', 'ListAuditEntries')
  async listAuditEntries(@Payload() request: ListAuditEntriesRequestDto): Promise<ListAuditEntriesResponse> {
    const page = await this.useCase.execute(request);
    return { items: page.items.map(toAuditEntryMessage), nextCursor: page.nextCursor };
  }
}
