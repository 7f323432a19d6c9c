import type { Application as ApplicationMessage, Reason as ReasonMessage } from '#contracts/merchant';
import type { Application, Reason, ReviewDecision, Transition } from './application.js';
import { formToMessage } from './form/form-message.js';
import { maskForm } from './form/form-masking.js';

/** Merchants see their own record; staff also see check results, decisions and who made them. */
export type Audience = 'merchant' | 'staff';

const toReasons = (reasons: Reason[]): ReasonMessage[] => reasons.map(({ field, reason }) => ({ field, reason }));

export function toApplicationMessage(application: Application, audience: Audience, history: Transition[], decisions: ReviewDecision[]): ApplicationMessage {
  const staff = audience === 'staff';
  const approvals = decisions.filter((decision) => decision.round === application.reviewRound && decision.decision === 'APPROVE').length;
  return {
    id: application.id,
    merchantId: application.merchantId,
    kind: application.kind,
    businessCode: application.businessCode,
    type: application.type,
    status: application.status,
    level: application.level,
    parentApplicationId: application.parentId,
    form: formToMessage(maskForm(application.form, application.type)),
    review: {
      reasons: toReasons(application.reasons),
      approvals,
      approvalsRequired: application.approvalsRequired,
      decisions: staff
        ? decisions.map((decision) => ({
            reviewerId: decision.reviewerId,
            decision: decision.decision,
            reasons: toReasons(decision.reasons),
            decidedAt: decision.decidedAt.toISOString(),
            round: decision.round,
          }))
        : [],
      decidedAt: application.decidedAt?.toISOString(),
    },
    checks: staff
      ? application.checks.map((check) => ({
          check: check.check,
          result: check.result,
          detail: check.detail,
          field: check.field,
          score: check.score,
          decisionId: check.decisionId,
          checkedAt: check.checkedAt,
        }))
      : [],
    history: history.map((transition) => ({
      fromStatus: transition.from ?? '',
      toStatus: transition.to,
      actorType: transition.actor.type,
      actorId: staff ? transition.actor.id : '',
      reasons: toReasons(transition.reasons),
      occurredAt: transition.occurredAt.toISOString(),
      eventId: transition.eventId,
    })),
    createdAt: application.createdAt.toISOString(),
    updatedAt: application.updatedAt.toISOString(),
    submittedAt: application.submittedAt?.toISOString(),
  };
}
