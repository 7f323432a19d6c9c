import { Injectable } from '@nestjs/common';
import { fromAnswer, rejected, verdictForFailure, type Verdict } from '../../sessions/verdict.js';
import { Clock } from '../../shared/clock.js';
import { parseIdentityInput } from '../../verification/identity-input.js';
import { IdAuthority, type RealNamePurpose } from '../../verification/verifiers.js';

export interface CheckRealNameCommand {
  subjectId: string;
  name: string;
  idNumber: string;
  purpose: RealNamePurpose;
  requestedBy: string;
}

export interface RealNameCheck {
  result: Verdict['result'];
  reasonCode: string;
  retryable: boolean;
  billed: boolean;
}

/**
 * One ID two-element check for another service (merchant onboarding checks
 * owners and legal representatives). Malformed input is refused before
 * anything leaves; the disclosure is recorded under the asking service.
 */
@Injectable()
export class CheckRealNameUseCase {
  constructor(
    private readonly authority: IdAuthority,
    private readonly clock: Clock,
  ) {}

  async execute(command: CheckRealNameCommand): Promise<RealNameCheck> {
    const input = parseIdentityInput(command.name, command.idNumber, this.clock.now());
    const verdict = !input.ok
      ? rejected(input.reasonCode)
      : await this.authority
          .verify(command.subjectId, { name: input.name, idNumber: input.idNumber }, command.purpose, command.requestedBy)
          .then(fromAnswer, verdictForFailure);
    return { result: verdict.result, reasonCode: verdict.reasonCode ?? '', retryable: verdict.retryable, billed: verdict.billed };
  }
}
