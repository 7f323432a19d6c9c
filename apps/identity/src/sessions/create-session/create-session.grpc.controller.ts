import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { CreateSessionResponse, IdentityServiceController } from '#contracts/identity';
import { SessionPresenter } from '../session.presenter.js';
import { CreateSessionRequestDto } from './create-session.request.js';
import { CreateSessionUseCase } from './create-session.use-case.js';

@Controller()
export class CreateSessionGrpcController implements Pick<IdentityServiceController, 'createSession'> {
  constructor(
    private readonly useCase: CreateSessionUseCase,
    private readonly present: SessionPresenter,
  ) {}

  @GrpcMethod('IdentityService', 'CreateSession')
  async createSession(@Payload() request: CreateSessionRequestDto): Promise<CreateSessionResponse> {
    return { session: this.present.session(await this.useCase.execute(request)) };
  }
}
