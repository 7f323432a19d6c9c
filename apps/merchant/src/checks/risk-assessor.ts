export type RiskAnswer = { decision: 'ALLOW' | 'REVIEW' | 'DENY'; score: number; decisionId: string } | { decision: 'UNAVAILABLE'; detail: string };

/** Port: the risk service's MERCHANT_ONBOARD assessment. Never throws for an outage: answers UNAVAILABLE. */
export abstract class RiskAssessor {
  abstract assess(request: { merchantId: string; actorId: string; clientIp: string; idNumber?: string; phone?: string }): Promise<RiskAnswer>;
}
