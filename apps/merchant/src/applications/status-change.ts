import type { AuditActor, AuditRecord } from '#libs/audit';
import { randomUUID } from 'node:crypto';
import type { Actor, Application, Reason, Transition } from './application.js';
import type { WebhookEvent } from './application.repository.js';
import { nextStatus, type ApplicationEvent } from './status-machine.js';

export interface StatusChange {
  application: Application;
  transition: Transition;
  audit: AuditRecord[];
  webhook: WebhookEvent;
}

const AUDIT_ACTOR: Record<Actor['type'], AuditActor['type']> = { MERCHANT: 'user', REVIEWER: 'staff', ADMIN: 'staff', SYSTEM: 'system' };

export const auditActor = (actor: Actor): AuditActor => ({ type: AUDIT_ACTOR[actor.type], id: actor.id });

/**
 * One validated transition and everything recorded with it: the history
 * row, an audit entry and the merchant's webhook event, all sharing one
 * event id (receivers dedupe on it). Throws ILLEGAL_TRANSITION.
 */
export function changeStatus(application: Application, event: ApplicationEvent, actor: Actor, reasons: Reason[], now: Date): StatusChange {
  const to = nextStatus(application.kind, application.status, event);
  const eventId = randomUUID();
  const transition: Transition = { eventId, from: application.status, to, actor, reasons, occurredAt: now };
  return {
    application: { ...application, status: to, updatedAt: now },
    transition,
    audit: [
      {
        type: 'MERCHANT_STATUS_CHANGED',
        actor: auditActor(actor),
        subjectId: application.merchantId,
        payload: { application_id: application.id, kind: application.kind, from: application.status, to, event_id: eventId, reasons },
        occurredAt: now,
      },
    ],
    webhook: {
      event_id: eventId,
      event_type: application.kind === 'UPGRADE' ? 'upgrade.status_changed' : 'application.status_changed',
      merchant_id: application.merchantId,
      application_id: application.id,
      status: to,
      reasons,
      occurred_at: now.toISOString(),
    },
  };
}
