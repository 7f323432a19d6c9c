import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { RunRetentionResponse, SubjectDataServiceController } from '#contracts/subject_data';
import { RunRetentionRequestDto } from './run-retention.request.js';
import { RunRetentionUseCase } from './run-retention.use-case.js';

@Controller()
export class RunRetentionGrpcController implements Pick<SubjectDataServiceController, 'runRetention'> {
  constructor(private readonly useCase: RunRetentionUseCase) {}

  @GrpcMethod('SubjectDataService', 'RunRetention')
  async runRetention(@Payload() request: RunRetentionRequestDto): Promise<RunRetentionResponse> {
    return { counts: await this.useCase.execute(request.asOf ? new Date(request.asOf) : undefined) };
  }
}
