import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { IdentityServiceController, SubmitBankCardResponse } from '#contracts/identity';
import { deviceContextOf } from '../../risk/device-context.request.js';
import { SessionPresenter } from '../session.presenter.js';
import { SubmitBankCardRequestDto } from './submit-bank-card.request.js';
import { SubmitBankCardUseCase } from './submit-bank-card.use-case.js';

@Controller()
export class SubmitBankCardGrpcController implements Pick<IdentityServiceController, 'submitBankCard'> {
  constructor(
    private readonly useCase: SubmitBankCardUseCase,
    private readonly present: SessionPresenter,
  ) {}

  @GrpcMethod('IdentityService', 'SubmitBankCard')
  async submitBankCard(@Payload() request: SubmitBankCardRequestDto): Promise<SubmitBankCardResponse> {
    return { result: this.present.factorResult(await this.useCase.execute({ ...request, context: deviceContextOf(request.context) })) };
  }
}
