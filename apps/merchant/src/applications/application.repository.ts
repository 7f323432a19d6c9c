import type { AuditRecord } from '#libs/audit';
import type { Application, ApplicationKind, ApplicationStatus, Level, ReviewDecision, Transition } from './application.js';

/** A status change as merchants' webhooks receive it: ids, status, reasons and time, never personal data. */
export interface WebhookEvent {
  event_id: string;
  event_type: 'application.status_changed' | 'upgrade.status_changed';
  merchant_id: string;
  application_id: string;
  status: ApplicationStatus;
  reasons: Array<{ field: string; reason: string }>;
  occurred_at: string;
}

/** Another live merchant already holds this credit code or principal's ID number. */
export interface DuplicateHit {
  field: string;
}

/** Everything one decision changes, written in one transaction. */
export interface ApplicationChange {
  application: Application;
  /** The version the application was read at; the write is refused (STALE) if another came first. */
  expectedVersion: number;
  transition?: Transition;
  decision?: ReviewDecision;
  /** Audit entries written to the outbox with the change. */
  audit: AuditRecord[];
  /** Queued for the merchant's webhook, if one is configured. */
  webhook?: WebhookEvent;
  /** An approved upgrade moves its merchant to the new level; the merchant must still be ACTIVE. */
  parentLevel?: { id: string; level: Level };
  /** Refuse the change if another live merchant holds this application's duplicate keys (checked under a lock). */
  guardDuplicates?: boolean;
  /** Submission checks: when to try again, and who holds the application meanwhile. */
  checkSchedule?: { nextCheckAt: Date | null; leaseUntil: Date | null };
}

export type SaveResult =
  { ok: true; application: Application } | { ok: false; reason: 'STALE' } | { ok: false; reason: 'DUPLICATE'; duplicates: DuplicateHit[] };

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Port: applications (onboarding and upgrades), their history and review decisions. */
export abstract class ApplicationRepository {
  /** Inserts a new application, or returns the one this merchant already created with the business code. */
  abstract create(application: Application): Promise<{ application: Application; created: boolean }>;
  /** Inserts an upgrade request; false when the merchant already has one open. */
  abstract createUpgrade(application: Application): Promise<boolean>;
  abstract save(change: ApplicationChange): Promise<SaveResult>;
  abstract findById(id: string): Promise<Application | undefined>;
  /** Undefined when it does not exist or is another merchant's. */
  abstract findOwned(merchantId: string, id: string): Promise<Application | undefined>;
  abstract listOwned(merchantId: string, limit: number, cursor?: string): Promise<Page<Application>>;
  abstract listByStatus(status: ApplicationStatus, kind: ApplicationKind | undefined, limit: number, cursor?: string): Promise<Page<Application>>;
  abstract history(applicationId: string): Promise<Transition[]>;
  abstract decisions(applicationId: string): Promise<ReviewDecision[]>;
  /** The decisions of several applications at once (list views). */
  abstract decisionsOf(applicationIds: string[]): Promise<ReviewDecision[]>;
  /** Other live merchants holding this application's credit code or principal's ID number. */
  abstract findDuplicates(application: Application): Promise<DuplicateHit[]>;
  /** Leases SUBMITTED applications whose retry is due, for one worker at a time. */
  abstract claimDueForChecks(now: Date, leaseMs: number, limit: number): Promise<string[]>;
}
