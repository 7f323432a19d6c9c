import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { GetVerificationLevelResponse, IdentityServiceController } from '#contracts/identity';
import { GetVerificationLevelRequestDto } from './get-verification-level.request.js';
import { GetVerificationLevelUseCase } from './get-verification-level.use-case.js';

@Controller()
export class GetVerificationLevelGrpcController implements Pick<IdentityServiceController, 'getVerificationLevel'> {
  constructor(private readonly useCase: GetVerificationLevelUseCase) {}

  @GrpcMethod('IdentityService', 'GetVerificationLevel')
  async getVerificationLevel(@Payload() request: GetVerificationLevelRequestDto): Promise<GetVerificationLevelResponse> {
    const view = await this.useCase.execute(request.subjectId);
    return { level: view.level, verifiedAt: view.verifiedAt?.toISOString() };
  }
}
