import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { GetSessionResponse, IdentityServiceController } from '#contracts/identity';
import { SessionPresenter } from '../session.presenter.js';
import { GetSessionRequestDto } from './get-session.request.js';
import { GetSessionUseCase } from './get-session.use-case.js';

@Controller()
export class GetSessionGrpcController implements Pick<IdentityServiceController, 'getSession'> {
  constructor(
    private readonly useCase: GetSessionUseCase,
    private readonly present: SessionPresenter,
  ) {}

  @GrpcMethod('IdentityService', 'GetSession')
  async getSession(@Payload() request: GetSessionRequestDto): Promise<GetSessionResponse> {
    return { session: this.present.session(await this.useCase.execute(request.subjectId, request.sessionId)) };
  }
}
