import '../merchant.errors.js';
import { DomainError } from '#libs/errors';
import type { ApplicationKind, ApplicationStatus } from './application.js';

/** What can happen to an application. Each is legal only from the states listed below. */
export type ApplicationEvent = 'SUBMIT' | 'PASS_CHECKS' | 'FAIL_CHECKS' | 'APPROVE' | 'REJECT' | 'REQUEST_INFO' | 'ACTIVATE' | 'SUSPEND' | 'CLOSE';

type Table = Partial<Record<ApplicationEvent, Partial<Record<ApplicationStatus, ApplicationStatus>>>>;

/** The review part every application goes through, onboarding or upgrade. */
const REVIEW: Table = {
  SUBMIT: { DRAFT: 'SUBMITTED', NEEDS_INFO: 'SUBMITTED' },
  PASS_CHECKS: { SUBMITTED: 'IN_REVIEW' },
  FAIL_CHECKS: { SUBMITTED: 'REJECTED' },
  APPROVE: { IN_REVIEW: 'APPROVED' },
  REJECT: { IN_REVIEW: 'REJECTED' },
  REQUEST_INFO: { IN_REVIEW: 'NEEDS_INFO' },
};

/** Only a merchant record lives on after approval; an approved upgrade is done (its level moved to the merchant). */
const TABLES: Record<ApplicationKind, Table> = {
  ONBOARDING: {
    ...REVIEW,
    ACTIVATE: { APPROVED: 'ACTIVE', SUSPENDED: 'ACTIVE' },
    SUSPEND: { ACTIVE: 'SUSPENDED' },
    CLOSE: { APPROVED: 'CLOSED', ACTIVE: 'CLOSED', SUSPENDED: 'CLOSED' },
  },
  UPGRADE: REVIEW,
};

/** The state after `event`, or ILLEGAL_TRANSITION (409) naming both. */
export function nextStatus(kind: ApplicationKind, from: ApplicationStatus, event: ApplicationEvent): ApplicationStatus {
  const to = TABLES[kind][event]?.[from];
  if (!to)
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      `${event} is not allowed for ${kind === 'UPGRADE' ? 'an upgrade request' : 'an application'} in status ${from}`,
    );
  return to;
}

export function isAllowed(kind: ApplicationKind, from: ApplicationStatus, event: ApplicationEvent): boolean {
  return TABLES[kind][event]?.[from] !== undefined;
}

/** The merchant edits only before submitting, or when a reviewer asked for more. */
export const EDITABLE_STATUSES: readonly ApplicationStatus[] = ['DRAFT', 'NEEDS_INFO'];

export function assertEditable(status: ApplicationStatus): void {
  if (!EDITABLE_STATUSES.includes(status)) throw new DomainError('APPLICATION_NOT_EDITABLE', `An application in status ${status} cannot be edited`);
}

/** Statuses of a merchant that exists for duplicate detection: checks passed and not rejected or closed. */
export const LIVE_STATUSES: readonly ApplicationStatus[] = ['IN_REVIEW', 'NEEDS_INFO', 'APPROVED', 'ACTIVE', 'SUSPENDED'];
