import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { IdentityServiceController, SubmitLivenessResponse } from '#contracts/identity';
import { deviceContextOf } from '../../risk/device-context.request.js';
import { SessionPresenter } from '../session.presenter.js';
import { SubmitLivenessRequestDto } from './submit-liveness.request.js';
import { SubmitLivenessUseCase } from './submit-liveness.use-case.js';

@Controller()
export class SubmitLivenessGrpcController implements Pick<IdentityServiceController, 'submitLiveness'> {
  constructor(
    private readonly useCase: SubmitLivenessUseCase,
    private readonly present: SessionPresenter,
  ) {}

  @GrpcMethod('IdentityService', 'SubmitLiveness')
  async submitLiveness(@Payload() request: SubmitLivenessRequestDto): Promise<SubmitLivenessResponse> {
    return {
      result: this.present.factorResult(
        await this.useCase.execute({ ...request, faceImage: request.faceImage ?? new Uint8Array(), context: deviceContextOf(request.context) }),
      ),
    };
  }
}
