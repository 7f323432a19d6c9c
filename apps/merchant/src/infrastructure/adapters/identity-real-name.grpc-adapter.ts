import type { IdentityServiceClient } from '#contracts/identity';
import { fromGrpcError, type PromiseClient } from '#libs/grpc';
import type { Logger } from '#libs/observability';
import { RealNameChecker, type RealNameAnswer, type RealNameResult } from '../../checks/real-name-checker.js';

const RESULTS: readonly RealNameResult[] = ['MATCH', 'MISMATCH', 'NO_RECORD', 'UNAVAILABLE', 'REJECTED'];

/**
 * The real-name check through the identity service's ID-authority adapter
 * (purpose `merchant_onboarding`): identity owns the authority integration,
 * its disclosure records and billing. Identity unreachable, or any answer
 * this service does not understand, is UNAVAILABLE: retried, never held
 * against the merchant.
 */
export class IdentityRealNameChecker extends RealNameChecker {
  constructor(
    private readonly identity: Pick<PromiseClient<IdentityServiceClient>, 'checkRealName'>,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {
    super();
  }

  async check(request: { subjectId: string; name: string; idNumber: string }): Promise<RealNameAnswer> {
    try {
      const answer = await this.identity.checkRealName(
        { subjectId: request.subjectId, name: request.name, idNumber: request.idNumber, purpose: 'merchant_onboarding', requestedBy: 'merchant' },
        { timeoutMs: this.timeoutMs },
      );
      const result = (RESULTS as readonly string[]).includes(answer.result) ? (answer.result as RealNameResult) : 'UNAVAILABLE';
      return { result, reasonCode: answer.reasonCode, retryable: answer.retryable };
    } catch (error) {
      const domain = fromGrpcError(error);
      // Field names and codes only: never the values.
      const violations = domain.violations.map((violation) => `${violation.field}:${violation.code}`);
      this.logger[domain.kind === 'INVALID_INPUT' ? 'error' : 'warn']({ code: domain.code, violations }, 'Real-name check through identity failed; will retry');
      return { result: 'UNAVAILABLE', reasonCode: domain.code, retryable: true };
    }
  }
}
