import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { ListEntriesResponse, RiskServiceController } from '#contracts/risk';
import { Clock } from '../../shared/clock.js';
import { toListEntryMessage } from '../list-entry.response.js';
import type { ListName } from '../list-names.js';
import { ListEntriesRequestDto } from './list-entries.request.js';
import { ListEntriesUseCase } from './list-entries.use-case.js';

@Controller()
export class ListEntriesGrpcController implements Pick<RiskServiceController, 'listEntries'> {
  constructor(
    private readonly useCase: ListEntriesUseCase,
    private readonly clock: Clock,
  ) {}

  @GrpcMethod('RiskService', 'ListEntries')
  async listEntries(@Payload() request: ListEntriesRequestDto): Promise<ListEntriesResponse> {
    const page = await this.useCase.execute(request.list as ListName, request.limit, request.cursor);
    const now = this.clock.now();
    return { items: page.items.map((entry) => toListEntryMessage(entry, now)), nextCursor: page.nextCursor };
  }
}
