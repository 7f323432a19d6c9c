import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { IdentityServiceController, SubmitIdentityResponse } from '#contracts/identity';
import { deviceContextOf } from '../../risk/device-context.request.js';
import { SessionPresenter } from '../session.presenter.js';
import { SubmitIdentityRequestDto } from './submit-identity.request.js';
import { SubmitIdentityUseCase } from './submit-identity.use-case.js';

@Controller()
export class SubmitIdentityGrpcController implements Pick<IdentityServiceController, 'submitIdentity'> {
  constructor(
    private readonly useCase: SubmitIdentityUseCase,
    private readonly present: SessionPresenter,
  ) {}

  @GrpcMethod('IdentityService', 'SubmitIdentity')
  async submitIdentity(@Payload() request: SubmitIdentityRequestDto): Promise<SubmitIdentityResponse> {
    return { result: this.present.factorResult(await this.useCase.execute({ ...request, context: deviceContextOf(request.context) })) };
  }
}
