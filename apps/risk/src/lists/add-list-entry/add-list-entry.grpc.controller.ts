import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { AddListEntryResponse, RiskServiceController } from '#contracts/risk';
import { Clock } from '../../shared/clock.js';
import { toListEntryMessage } from '../list-entry.response.js';
import type { ListName } from '../list-names.js';
import { AddListEntryRequestDto } from './add-list-entry.request.js';
import { AddListEntryUseCase } from './add-list-entry.use-case.js';

@Controller()
export class AddListEntryGrpcController implements Pick<RiskServiceController, 'addListEntry'> {
  constructor(
    private readonly useCase: AddListEntryUseCase,
    private readonly clock: Clock,
  ) {}

  @GrpcMethod('RiskService', 'AddListEntry')
  async addListEntry(@Payload() request: AddListEntryRequestDto): Promise<AddListEntryResponse> {
    const entry = await this.useCase.execute(request.caller, {
      list: request.list as ListName,
      value: request.value,
      reason: request.reason,
      expiresAt: request.expiresAt ? new Date(request.expiresAt) : undefined,
    });
    return { entry: toListEntryMessage(entry, this.clock.now()) };
  }
}
