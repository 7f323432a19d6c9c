import { Injectable } from '@nestjs/common';
import type { DeviceContext } from '../../risk/risk-assessor.js';
import { Clock } from '../../shared/clock.js';
import { isUnderAge, parseIdentityInput } from '../../verification/identity-input.js';
import { IdAuthority } from '../../verification/verifiers.js';
import { VerificationLevelRepository } from '../../verification-level/verification-level.repository.js';
import { FactorPipeline, type FactorOutcome } from '../factor-pipeline.js';
import { rejected } from '../verdict.js';
import { VerificationPolicy } from '../verification-policy.js';

export interface SubmitIdentityCommand {
  subjectId: string;
  sessionId: string;
  name: string;
  idNumber: string;
  context: DeviceContext;
}

/** Factor 1 (L1): the ID two-element check, after the checks that need no one else. */
@Injectable()
export class SubmitIdentityUseCase {
  constructor(
    private readonly pipeline: FactorPipeline,
    private readonly authority: IdAuthority,
    private readonly levels: VerificationLevelRepository,
    private readonly policy: VerificationPolicy,
    private readonly clock: Clock,
  ) {}

  execute(command: SubmitIdentityCommand): Promise<FactorOutcome> {
    return this.pipeline.submit(command.subjectId, command.sessionId, 'IDENTITY', async () => {
      const today = this.clock.now();
      const input = parseIdentityInput(command.name, command.idNumber, today);
      if (!input.ok) return { verdict: rejected(input.reasonCode) };
      if (isUnderAge(input.birthDate, today, this.policy.minimumAgeYears)) return { verdict: rejected('UNDERAGE', 'FAILED') };
      // A verified account belongs to one person: a later session may not switch to another ID number.
      if (await this.levels.boundToAnotherIdNumber(command.subjectId, input.idNumber)) return { verdict: rejected('IDENTITY_CHANGED') };
      const identity = { name: input.name, idNumber: input.idNumber };
      return {
        plan: {
          attemptValue: { kind: 'id_number', value: identity.idNumber },
          risk: { event: 'KYC', context: command.context, idNumber: identity.idNumber },
          call: () => this.authority.verify(command.subjectId, identity, 'real_name_verification', 'identity'),
          submitted: { identity },
        },
      };
    });
  }
}
