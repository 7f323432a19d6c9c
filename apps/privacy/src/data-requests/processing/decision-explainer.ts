/** What a subject is told about an automated decision (PIPL art. 24). */
export interface DecisionExplanation {
  decisionId: string;
  decision: string;
  madeAt: string;
  explanation: string;
  reasons: Array<{ code: string; description: string }>;
  humanReview?: { requested: boolean; caseId?: string };
}

export interface ExplanationRequest {
  subjectId: string;
  decisionId: string;
  /** PIPL art. 24(3): the subject asks for a person to review the decision. */
  requestHumanReview: boolean;
  /** The data request's id: a retried step finds the review it already opened instead of opening another. */
  requestId: string;
}

/** Port: the risk service's explanation of one of the subject's own decisions. */
export abstract class DecisionExplainer {
  abstract explain(request: ExplanationRequest): Promise<DecisionExplanation>;
}
