import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { RemoveListEntryResponse, RiskServiceController } from '#contracts/risk';
import { Clock } from '../../shared/clock.js';
import { toListEntryMessage } from '../list-entry.response.js';
import type { ListName } from '../list-names.js';
import { RemoveListEntryRequestDto } from './remove-list-entry.request.js';
import { RemoveListEntryUseCase } from './remove-list-entry.use-case.js';

@Controller()
export class RemoveListEntryGrpcController implements Pick<RiskServiceController, 'removeListEntry'> {
  constructor(
    private readonly useCase: RemoveListEntryUseCase,
    private readonly clock: Clock,
  ) {}

  @GrpcMethod('RiskService', 'RemoveListEntry')
  async removeListEntry(@Payload() request: RemoveListEntryRequestDto): Promise<RemoveListEntryResponse> {
    const entry = await this.useCase.execute(request.caller, request.list as ListName, request.entryId);
    return { entry: toListEntryMessage(entry, this.clock.now()) };
  }
}
