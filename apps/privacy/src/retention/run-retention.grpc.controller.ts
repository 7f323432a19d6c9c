import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { PrivacyServiceController, RunRetentionRequest, RunRetentionResponse } from '#contracts/privacy';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { RunRetentionUseCase } from './run-retention.use-case.js';

export const ALLOW_RETENTION_AS_OF = Symbol('AllowRetentionAsOf');

export class RunRetentionRequestDto implements RunRetentionRequest {
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;

  @Matches(/^[A-Za-z0-9._:@-]{1,128}$/)
  requestedBy: string;
}

@Controller()
export class RunRetentionGrpcController implements Pick<PrivacyServiceController, 'runRetention'> {
  constructor(
    private readonly useCase: RunRetentionUseCase,
    @Inject(ALLOW_RETENTION_AS_OF) private readonly allowAsOf: boolean,
  ) {}

  @GrpcMethod('PrivacyService', 'RunRetention')
  async runRetention(@Payload() request: RunRetentionRequestDto): Promise<RunRetentionResponse> {
    // Moving "now" forward is a test and drill tool; production always sweeps as of now.
    const asOf = this.allowAsOf && request.asOf ? new Date(request.asOf) : new Date();
    const { counts } = await this.useCase.execute(asOf, request.requestedBy);
    return { counts, asOf: asOf.toISOString() };
  }
}
