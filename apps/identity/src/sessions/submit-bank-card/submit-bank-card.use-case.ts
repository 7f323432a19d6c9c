import { Injectable } from '@nestjs/common';
import type { DeviceContext } from '../../risk/risk-assessor.js';
import { parseCardInput } from '../../verification/card-input.js';
import { CardVerifier } from '../../verification/verifiers.js';
import { FactorPipeline, type FactorOutcome } from '../factor-pipeline.js';
import { rejected } from '../verdict.js';

export interface SubmitBankCardCommand {
  subjectId: string;
  sessionId: string;
  cardNumber: string;
  phone: string;
  context: DeviceContext;
}

/**
 * Factor 3 (L3): the four-element check, with the name and ID number the ID
 * factor already matched, so a card of someone else fails.
 */
@Injectable()
export class SubmitBankCardUseCase {
  constructor(
    private readonly pipeline: FactorPipeline,
    private readonly cards: CardVerifier,
  ) {}

  execute(command: SubmitBankCardCommand): Promise<FactorOutcome> {
    return this.pipeline.submit(command.subjectId, command.sessionId, 'BANK_CARD', async (session) => {
      const input = parseCardInput(command.cardNumber, command.phone);
      if (!input.ok) return { verdict: rejected(input.reasonCode) };
      const identity = session.identity!;
      const card = { cardNumber: input.cardNumber, phone: input.phone };
      return {
        plan: {
          attemptValue: { kind: 'bank_card', value: card.cardNumber },
          risk: { event: 'BIND_CARD', context: command.context, idNumber: identity.idNumber, cardNumber: card.cardNumber, phone: card.phone },
          call: () => this.cards.verify(command.subjectId, identity, card),
          submitted: { card },
        },
      };
    });
  }
}
