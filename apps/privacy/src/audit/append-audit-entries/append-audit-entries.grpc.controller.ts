import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { AppendAuditEntriesResponse, PrivacyServiceController } from '#contracts/privacy';
import { AppendAuditEntriesRequestDto } from './append-audit-entries.request.js';
import { AppendAuditEntriesUseCase } from './append-audit-entries.use-case.js';

@Controller()
export class AppendAuditEntriesGrpcController implements Pick<PrivacyServiceController, 'appendAuditEntries'> {
  constructor(private readonly useCase: AppendAuditEntriesUseCase) {}

  @GrpcMethod('PrivacyService', 'AppendAuditEntries')
  async appendAuditEntries(@Payload() request: AppendAuditEntriesRequestDto): Promise<AppendAuditEntriesResponse> {
    return { seqs: await this.useCase.execute(request.entries) };
  }
}
