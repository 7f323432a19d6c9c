import type { FactorResult, Session } from '#contracts/identity';
import type { FactorResultView, SessionView } from './kyc.dto.js';

export const toSessionView = (session: Session): SessionView => ({
  id: session.id,
  status: session.status,
  target_level: session.targetLevel,
  level: session.level,
  factors: session.factors.map((factor) => ({ type: factor.type, result: factor.result, reason_code: factor.reasonCode || null, at: factor.at })),
  masked: {
    name: session.masked?.name ?? null,
    id_number: session.masked?.idNumber ?? null,
    card_number: session.masked?.cardNumber ?? null,
    phone: session.masked?.phone ?? null,
  },
  expires_at: session.expiresAt,
  created_at: session.createdAt,
});

export const toFactorResultView = (result: FactorResult): FactorResultView => ({
  type: result.type,
  result: result.result,
  reason_code: result.reasonCode || null,
  retryable: result.retryable,
  session: toSessionView(result.session!),
});
