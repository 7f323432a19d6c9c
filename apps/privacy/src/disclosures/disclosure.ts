import type { LegalBasis } from '#libs/sharing';

/** UNKNOWN: the sender never reported back (it died mid-call); whether the data arrived is not known. */
export const OUTCOMES = ['DELIVERED', 'REJECTED_BY_RECIPIENT', 'FAILED', 'UNAVAILABLE', 'NOT_SENT', 'UNKNOWN'] as const;
export type DisclosureOutcome = (typeof OUTCOMES)[number];

export interface Disclosure {
  id: string;
  subjectId: string;
  recipientId: string;
  purpose: string;
  legalBasis: LegalBasis;
  fields: string[];
  requestedBy: string;
  references: Record<string, string>;
  authorizedAt: Date;
  completedAt?: Date;
  outcome?: DisclosureOutcome;
  billed: boolean;
  latencyMs?: number;
  resultCode?: string;
}

export interface Completion {
  outcome: DisclosureOutcome;
  billed: boolean;
  latencyMs: number;
  resultCode?: string;
  completedAt: Date;
}

export interface BillingRow {
  day: string;
  recipientId: string;
  billedCalls: number;
  unbilledCalls: number;
}
