/** Stable audit entry types. Public vocabulary of the audit log: add, never rename. */
export const AUDIT_TYPES = [
  'DISCLOSURE_AUTHORIZED',
  'DISCLOSURE_COMPLETED',
  'CONSENT_GRANTED',
  'CONSENT_WITHDRAWN',
  'PII_UNMASKED',
  'DATA_ACCESSED',
  'RULESET_CREATED',
  'RULESET_PUBLISHED',
  'RULESET_SHADOWED',
  'LIST_ENTRY_ADDED',
  'LIST_ENTRY_REMOVED',
  'DECISION_LABELLED',
  'REVIEW_DECISION',
  'MERCHANT_STATUS_CHANGED',
  'DATA_REQUEST_STEP',
  'RETENTION_RUN',
  'OUTBOX_REPLAYED',
  'DECISION_REVIEW_REQUESTED',
  'DECISION_REVIEW_RESOLVED',
] as const;

export type AuditType = (typeof AUDIT_TYPES)[number];

export interface AuditActor {
  type: 'user' | 'staff' | 'service' | 'system';
  id: string;
}

export interface AuditRecord {
  type: AuditType;
  actor: AuditActor;
  /** Whose data the entry concerns; the log stores only a keyed hash of it. */
  subjectId?: string;
  /** Field names, masked values and blind indexes only. */
  payload: Record<string, unknown>;
  occurredAt?: Date;
}
