import { fromGrpcError } from '#libs/grpc';
import { exponentialBackoff, PermanentDeliveryError, type TopicHandler } from '#libs/outbox';
import { IDENTITY_CALLER, type RiskClient } from './grpc-risk-assessor.js';

export const RISK_OUTCOME_TOPIC = 'risk-outcome';

/** Tells risk how an assessed factor ended, for its failed-KYC velocity features. Payload: decision id and outcome only. */
export function riskOutcomeDelivery(risk: RiskClient): TopicHandler {
  return {
    policy: exponentialBackoff({ maxAttempts: 50, baseMs: 1_000, capMs: 300_000 }),
    async handle(message) {
      const { decisionId, outcome } = message.payload as { decisionId: string; outcome: string };
      try {
        await risk.reportOutcome({ caller: IDENTITY_CALLER, decisionId, outcome }, { timeoutMs: 5_000 });
      } catch (error) {
        const domain = fromGrpcError(error);
        if (domain.kind === 'INVALID_INPUT' || domain.kind === 'NOT_FOUND') throw new PermanentDeliveryError(domain.code);
        throw new Error(domain.code, { cause: error });
      }
    },
  };
}
