import { createHash } from 'node:crypto';
import type { RiskServiceClient } from '#contracts/risk';
import { fromGrpcError, type PromiseClient } from '#libs/grpc';
import type { Logger } from '#libs/observability';
import { RiskAssessor, type RiskAnswer } from '../../checks/risk-assessor.js';

const DECISIONS = ['ALLOW', 'REVIEW', 'DENY'] as const;

/** A stable, opaque app-instance id for the merchant's API client. */
export const apiClientId = (merchantId: string): string => `merchant-api:${createHash('sha256').update(merchantId).digest('hex').slice(0, 32)}`;

/**
 * Risk `Assess` with event MERCHANT_ONBOARD. The merchant service asks on
 * its own behalf (role "service"), about the merchant, from the IP that
 * submitted; the principal's ID number and phone let risk apply its block
 * lists and velocity rules.
 *
 * Onboarding happens over the API, so there is no phone to fingerprint:
 * the "device" is the merchant's API client, identified by a stable id
 * derived from the merchant id (one device per merchant, so one merchant's
 * history never counts against another).
 */
export class GrpcRiskAssessor extends RiskAssessor {
  constructor(
    private readonly risk: Pick<PromiseClient<RiskServiceClient>, 'assess'>,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {
    super();
  }

  async assess(request: { merchantId: string; actorId: string; clientIp: string; idNumber?: string; phone?: string }): Promise<RiskAnswer> {
    try {
      const answer = await this.risk.assess(
        {
          caller: { subjectId: 'merchant', roles: ['service'], merchantId: request.merchantId },
          eventType: 'MERCHANT_ONBOARD',
          subjectId: request.merchantId,
          device: { platform: 'web', appInstanceId: apiClientId(request.merchantId), riskyApps: [], extra: {} },
          ip: request.clientIp,
          idNumber: request.idNumber,
          phone: request.phone,
        },
        { timeoutMs: this.timeoutMs },
      );
      if (!(DECISIONS as readonly string[]).includes(answer.decision)) return { decision: 'UNAVAILABLE', detail: 'UNKNOWN_DECISION' };
      return { decision: answer.decision as (typeof DECISIONS)[number], score: answer.score, decisionId: answer.decisionId };
    } catch (error) {
      const domain = fromGrpcError(error);
      // Field names and codes only: never the values.
      const violations = domain.violations.map((violation) => `${violation.field}:${violation.code}`);
      this.logger[domain.kind === 'INVALID_INPUT' ? 'error' : 'warn']({ code: domain.code, violations }, 'Risk assessment failed; will retry');
      return { decision: 'UNAVAILABLE', detail: domain.code };
    }
  }
}
