import type { Caller as CallerMessage } from '#contracts/risk';
import type { Caller } from '../edge/auth/caller.js';

/** The verified token's identity, passed to risk for ownership checks and audit actors. */
export function toCallerMessage(caller: Caller): CallerMessage {
  return { subjectId: caller.subjectId, roles: [...caller.roles], merchantId: caller.merchantId };
}
