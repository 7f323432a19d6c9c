import type { NewAuditEntry } from '../audit/audit-entry.js';
import type { DataRequest, DataRequestStatus, DataRequestStep, StepStatus } from './data-request.js';

export interface DueQuery {
  statuses: readonly DataRequestStatus[];
  dueBefore?: Date;
  afterId?: { dueAt: string; id: string };
  limit: number;
}

/** Port: data-subject requests and their steps, each change written with its audit entry. */
export abstract class DataRequestRepository {
  abstract create(request: DataRequest, correctionValue: string | undefined, audit: NewAuditEntry): Promise<void>;
  abstract findForSubject(subjectId: string, id: string): Promise<DataRequest | undefined>;
  abstract list(query: DueQuery): Promise<DataRequest[]>;
  /** Leases up to `limit` open requests with work due, so several privacy instances never process one twice at once. */
  abstract claimWork(limit: number, leaseMs: number): Promise<DataRequest[]>;
  abstract correctionValue(id: string): Promise<string | undefined>;
  abstract recordStep(
    id: string,
    step: DataRequestStep,
    status: StepStatus,
    update: { error?: string; output?: unknown; retryAt?: Date },
    audit: NewAuditEntry,
  ): Promise<void>;
  /** The subject's mailbox: where DELIVER puts the answer for GetDataRequest. */
  abstract storeResult(id: string, result: unknown): Promise<void>;
  abstract finish(id: string, outcome: { status: 'COMPLETED' | 'REFUSED'; result?: unknown; refusalReason?: string }, audit: NewAuditEntry): Promise<void>;
  abstract countOpen(dueBefore: Date): Promise<number>;
}
