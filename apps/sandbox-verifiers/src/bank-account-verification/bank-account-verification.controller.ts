import { Body, Controller } from '@nestjs/common';
import { VerifierApi } from '../front-door/verifier-api.decorator.js';
import { BANK_ACCOUNT_VERIFICATION } from '../front-door/verifier-endpoints.js';
import { BankAccountVerificationRequest } from './bank-account-verification.request.js';
import type { BankAccountVerificationAnswer } from './bank-account-verification.results.js';
import { BankAccountVerificationUseCase } from './bank-account-verification.use-case.js';

@Controller()
export class BankAccountVerificationController {
  constructor(private readonly useCase: BankAccountVerificationUseCase) {}

  @VerifierApi(BANK_ACCOUNT_VERIFICATION)
  verify(@Body() request: BankAccountVerificationRequest): BankAccountVerificationAnswer {
    return this.useCase.execute(request);
  }
}
