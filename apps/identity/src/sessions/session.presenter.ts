import { Injectable } from '@nestjs/common';
import type { FactorResult as FactorResultMessage, Session as SessionMessage } from '#contracts/identity';
import { PiiVault } from '#libs/pii';
import { Clock } from '../shared/clock.js';
import type { FactorOutcome } from './factor-pipeline.js';
import { effectiveStatus, levelOf, type Session } from './session.js';

/** Sessions as the transport shows them: masked personal data, effective status, level so far. */
@Injectable()
export class SessionPresenter {
  constructor(
    private readonly vault: PiiVault,
    private readonly clock: Clock,
  ) {}

  session(session: Session): SessionMessage {
    return {
      id: session.id,
      status: effectiveStatus(session, this.clock.now()),
      targetLevel: session.targetLevel,
      level: levelOf(session.factors) ?? 'NONE',
      factors: session.factors.map((factor) => ({
        type: factor.type,
        result: factor.result,
        reasonCode: factor.reasonCode ?? '',
        retryable: factor.retryable,
        at: factor.at.toISOString(),
      })),
      masked: {
        ...(session.identity
          ? { name: this.vault.mask('name', session.identity.name), idNumber: this.vault.mask('id_number', session.identity.idNumber) }
          : {}),
        ...(session.card ? { cardNumber: this.vault.mask('bank_card', session.card.cardNumber), phone: this.vault.mask('mobile', session.card.phone) } : {}),
      },
      expiresAt: session.expiresAt.toISOString(),
      createdAt: session.createdAt.toISOString(),
    };
  }

  factorResult(outcome: FactorOutcome): FactorResultMessage {
    return {
      type: outcome.factor.type,
      result: outcome.factor.result,
      reasonCode: outcome.factor.reasonCode ?? '',
      retryable: outcome.factor.retryable,
      session: this.session(outcome.session),
    };
  }
}
