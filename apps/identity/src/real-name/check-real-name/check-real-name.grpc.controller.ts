import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { CheckRealNameResponse, IdentityServiceController } from '#contracts/identity';
import { CheckRealNameRequestDto } from './check-real-name.request.js';
import { CheckRealNameUseCase } from './check-real-name.use-case.js';

@Controller()
export class CheckRealNameGrpcController implements Pick<IdentityServiceController, 'checkRealName'> {
  constructor(private readonly useCase: CheckRealNameUseCase) {}

  @GrpcMethod('IdentityService', 'CheckRealName')
  checkRealName(@Payload() request: CheckRealNameRequestDto): Promise<CheckRealNameResponse> {
    return this.useCase.execute(request);
  }
}
