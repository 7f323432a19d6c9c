import type { AuditActor } from '#libs/audit';

/** Who asks, as the gateway or a calling service authenticated it. */
export interface Caller {
  subjectId: string;
  roles: string[];
  merchantId?: string;
}

export const CALLER_ROLES = ['user', 'merchant', 'risk_analyst', 'reviewer', 'privacy_officer', 'admin', 'service'] as const;

const STAFF_ROLES = new Set(['risk_analyst', 'reviewer', 'privacy_officer', 'admin']);

/** The audit log's view of the caller. */
export function auditActorOf(caller: Caller): AuditActor {
  if (caller.roles.includes('service')) return { type: 'service', id: caller.subjectId };
  if (caller.roles.some((role) => STAFF_ROLES.has(role))) return { type: 'staff', id: caller.subjectId };
  return { type: 'user', id: caller.subjectId };
}

/** Who an assessment was requested by, as stored with the decision. */
export function requesterKindOf(caller: Caller): 'service' | 'merchant' | 'user' {
  if (caller.roles.includes('service')) return 'service';
  if (caller.roles.includes('merchant')) return 'merchant';
  return 'user';
}
