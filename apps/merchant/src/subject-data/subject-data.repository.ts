import type { Actor, Application, Reason, ReviewDecision, Transition } from '../applications/application.js';
import type { StoredDocument } from '../documents/document.js';
import type { ContactPath } from './contact-fields.js';
import type { HeldGroup } from './held-category.js';
import type { ErasureMode } from './merchant-records.js';

/** One of the subject's applications with everything recorded about it. */
export interface SubjectApplication {
  application: Application;
  restrictedAt?: Date;
  holdUntil?: Date;
  history: Transition[];
  decisions: ReviewDecision[];
  corrections: Array<{ field: string; requestId: string; previousValue?: string; correctedAt: Date }>;
}

export interface SubjectDocument {
  document: StoredDocument;
  restricted: boolean;
}

export interface SubjectWebhook {
  merchantId: string;
  url: string;
  updatedAt: Date;
}

/** Everything merchant holds about a subject (see merchant-records.ts for what makes a record theirs). */
export interface SubjectRecords {
  applications: SubjectApplication[];
  documents: SubjectDocument[];
  webhooks: SubjectWebhook[];
}

export interface CorrectionCommand {
  subjectId: string;
  path: ContactPath;
  /** Already validated and normalised. Personal data: never logged. */
  value: string;
  requestId: string;
  at: Date;
}

export interface ErasureCommand {
  subjectId: string;
  mode: ErasureMode;
  requestId: string;
  at: Date;
  holdUntil: (relationshipEndedAt: Date) => Date;
  /** Who closes a merchant on CLOSE_ACCOUNT, and why (history, audit entry). */
  closedBy: Actor;
  closeReasons: Reason[];
}

export interface ErasureOutcome {
  deleted: number;
  anonymised: number;
  held: HeldGroup[];
}

export type ErasureResult = { status: 'DONE' | 'REPLAYED'; outcome: ErasureOutcome } | { status: 'CONFLICT' };

/** Port: a subject's merchant records, for their rights of access, correction and erasure. */
export abstract class SubjectDataRepository {
  abstract recordsOf(subjectId: string): Promise<SubjectRecords>;
  /** Applies a contact-field correction to the subject's usable records; the number of records it changed (the same on a retry). */
  abstract correct(command: CorrectionCommand): Promise<number>;
  /** Deletes what no hold keeps and restricts the rest, in one transaction. Idempotent per request id. */
  abstract erase(command: ErasureCommand): Promise<ErasureResult>;
}
