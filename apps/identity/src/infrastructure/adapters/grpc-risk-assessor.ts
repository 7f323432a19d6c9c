import { Inject, Injectable } from '@nestjs/common';
import type { RiskServiceClient } from '#contracts/risk';
import { DomainError } from '#libs/errors';
import { fromGrpcError, type PromiseClient } from '#libs/grpc';
import { LOGGER, type Logger } from '#libs/observability';
import { RiskAssessor, type RiskDecision, type RiskQuery } from '../../risk/risk-assessor.js';

export const RISK_CLIENT = Symbol('RiskClient');
export type RiskClient = PromiseClient<Pick<RiskServiceClient, 'assess' | 'reportOutcome'>>;

export class RiskSettings {
  constructor(
    readonly enabled: boolean,
    readonly failOpen: boolean,
    readonly timeoutMs: number,
  ) {}
}

/** Identity asks as itself; the user is the assessment's subject. */
export const IDENTITY_CALLER = { subjectId: 'identity', roles: ['service'] };

const DECISIONS = new Set(['ALLOW', 'REVIEW', 'DENY']);

/**
 * Risk's Assess over gRPC. Bad device signals from the client are the
 * client's error (400). When risk cannot answer, the factor goes on without
 * a decision if configured to fail open, and is refused otherwise.
 */
@Injectable()
export class GrpcRiskAssessor extends RiskAssessor {
  constructor(
    @Inject(RISK_CLIENT) private readonly risk: RiskClient,
    private readonly settings: RiskSettings,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  async assess(query: RiskQuery): Promise<RiskDecision> {
    if (!this.settings.enabled) return { decision: 'NONE' };
    try {
      const answer = await this.risk.assess(
        {
          caller: IDENTITY_CALLER,
          eventType: query.event,
          subjectId: query.subjectId,
          device: query.context.device,
          ip: query.context.ip,
          ...(query.idNumber ? { idNumber: query.idNumber } : {}),
          ...(query.cardNumber ? { cardNumber: query.cardNumber } : {}),
          ...(query.phone ? { phone: query.phone } : {}),
        },
        { timeoutMs: this.settings.timeoutMs },
      );
      if (!DECISIONS.has(answer.decision)) return this.withoutDecision('UNKNOWN_DECISION');
      return { decision: answer.decision as RiskDecision['decision'], decisionId: answer.decisionId };
    } catch (error) {
      const domain = fromGrpcError(error);
      // Signals the client sent are the client's to fix; a request without any is assessed without a decision.
      if (domain.kind === 'INVALID_INPUT' && query.context.device) throw domain;
      if (domain.kind === 'INVALID_INPUT') return this.withoutDecision('NO_DEVICE_SIGNALS');
      return this.withoutDecision(domain.code);
    }
  }

  private withoutDecision(why: string): RiskDecision {
    if (!this.settings.failOpen) throw new DomainError('RISK_UNAVAILABLE', 'Risk assessment is unavailable; retry later');
    this.logger.warn({ why }, 'Risk gave no decision; the factor goes on without one');
    return { decision: 'NONE' };
  }
}
