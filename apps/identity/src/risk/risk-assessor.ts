import type { DeviceSignals } from '#contracts/risk';

export type RiskEvent = 'KYC' | 'BIND_CARD';

/** The device context a factor was submitted from, as the gateway passed it. */
export interface DeviceContext {
  ip: string;
  device?: DeviceSignals;
}

export interface RiskQuery {
  subjectId: string;
  event: RiskEvent;
  context: DeviceContext;
  idNumber?: string;
  cardNumber?: string;
  phone?: string;
}

/** `NONE`: no decision was made (assessment off, or risk unavailable and failing open). */
export interface RiskDecision {
  decision: 'ALLOW' | 'REVIEW' | 'DENY' | 'NONE';
  decisionId?: string;
}

/** Port: the risk service's Assess, from identity's point of view. */
export abstract class RiskAssessor {
  abstract assess(query: RiskQuery): Promise<RiskDecision>;
}
