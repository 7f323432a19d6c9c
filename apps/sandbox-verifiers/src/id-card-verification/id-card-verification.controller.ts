import { Body, Controller } from '@nestjs/common';
import { VerifierApi } from '../front-door/verifier-api.decorator.js';
import { ID_CARD_VERIFICATION } from '../front-door/verifier-endpoints.js';
import { IdCardVerificationRequest } from './id-card-verification.request.js';
import type { IdCardVerificationAnswer } from './id-card-verification.results.js';
import { IdCardVerificationUseCase } from './id-card-verification.use-case.js';

@Controller()
export class IdCardVerificationController {
  constructor(private readonly useCase: IdCardVerificationUseCase) {}

  @VerifierApi(ID_CARD_VERIFICATION)
  verify(@Body() request: IdCardVerificationRequest): IdCardVerificationAnswer {
    return this.useCase.execute(request);
  }
}
