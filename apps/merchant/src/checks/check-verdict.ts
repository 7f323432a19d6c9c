import type { CheckResult, Reason } from '../applications/application.js';

export type CheckVerdict = { outcome: 'REJECT'; reasons: Reason[] } | { outcome: 'RETRY' } | { outcome: 'PASS'; approvalsRequired: 1 | 2 };

/**
 * What the checks of a submission decide. A hard failure rejects, with one
 * reason per failing field, even when another check is still unavailable;
 * otherwise an unavailable upstream leaves the application SUBMITTED for a
 * retry; otherwise it goes to review. A flag (risk REVIEW or DENY, or an
 * identity the authority cannot check) means two different reviewers must
 * approve.
 */
export function checkVerdict(results: CheckResult[]): CheckVerdict {
  const failed = results.filter((result) => result.result === 'FAIL');
  if (failed.length > 0) {
    const reasons = failed.map((result) => ({ field: result.field ?? 'application', reason: result.detail ?? result.check }));
    const unique = reasons.filter((reason, index) => reasons.findIndex((other) => other.field === reason.field && other.reason === reason.reason) === index);
    return { outcome: 'REJECT', reasons: unique };
  }
  if (results.some((result) => result.result === 'UNAVAILABLE')) return { outcome: 'RETRY' };
  return { outcome: 'PASS', approvalsRequired: results.some((result) => result.result === 'FLAG') ? 2 : 1 };
}
