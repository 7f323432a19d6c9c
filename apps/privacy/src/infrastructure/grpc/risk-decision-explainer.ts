import type { OnApplicationShutdown } from '@nestjs/common';
import type { RiskServiceClient } from '#contracts/risk';
import { createGrpcClient, RISK_SERVICE, type PromiseClient, type TlsMaterial } from '#libs/grpc';
import { DecisionExplainer, type DecisionExplanation, type ExplanationRequest } from '../../data-requests/processing/decision-explainer.js';

/** The risk service explains its own decisions (and opens the review case); privacy only relays the answer to the subject. */
export class RiskDecisionExplainer extends DecisionExplainer implements OnApplicationShutdown {
  private readonly client: PromiseClient<RiskServiceClient>;
  private readonly close: () => void;

  constructor(address: string, tls: TlsMaterial | undefined) {
    super();
    const handle = createGrpcClient<RiskServiceClient>(RISK_SERVICE, { address, tls, defaultTimeoutMs: 10_000 });
    this.client = handle.client;
    this.close = handle.close;
  }

  onApplicationShutdown(): void {
    this.close();
  }

  async explain(request: ExplanationRequest): Promise<DecisionExplanation> {
    const answer = await this.client.explainDecision({
      subjectId: request.subjectId,
      decisionId: request.decisionId,
      requestHumanReview: request.requestHumanReview,
      requestId: request.requestId,
    });
    return {
      decisionId: answer.decisionId,
      decision: answer.decision,
      madeAt: answer.occurredAt,
      explanation: answer.explanation.join('\n'),
      reasons: answer.reasons.map((reason) => ({ code: reason.code, description: reason.description })),
      humanReview: { requested: Boolean(answer.review), ...(answer.review ? { caseId: answer.review.id } : {}) },
    };
  }
}
