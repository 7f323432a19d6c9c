import { Body, Controller } from '@nestjs/common';
import { VerifierApi } from '../front-door/verifier-api.decorator.js';
import { BANK_CARD_4E_VERIFICATION } from '../front-door/verifier-endpoints.js';
import { BankCard4EVerificationRequest } from './bank-card-4e-verification.request.js';
import type { BankCard4EVerificationAnswer } from './bank-card-4e-verification.results.js';
import { BankCard4EVerificationUseCase } from './bank-card-4e-verification.use-case.js';

@Controller()
export class BankCard4EVerificationController {
  constructor(private readonly useCase: BankCard4EVerificationUseCase) {}

  @VerifierApi(BANK_CARD_4E_VERIFICATION)
  verify(@Body() request: BankCard4EVerificationRequest): BankCard4EVerificationAnswer {
    return this.useCase.execute(request);
  }
}
