import { Injectable } from '@nestjs/common';
import { queryRows } from '#libs/db';
import { PiiVault } from '#libs/pii';
import { DataSource, type EntityManager } from 'typeorm';
import type { NewAuditEntry } from '../../audit/audit-entry.js';
import {
  OPEN_STATUSES,
  type DataRequest,
  type DataRequestParams,
  type DataRequestStatus,
  type DataRequestStep,
  type DataRequestType,
  type StepAction,
  type StepStatus,
  type StepTarget,
} from '../../data-requests/data-request.js';
import { DataRequestRepository, type DueQuery } from '../../data-requests/data-request.repository.js';
import { appendAuditEntries } from './audit-log.sql.js';

interface RequestRow {
  id: string;
  subject_id: string;
  type: DataRequestType;
  status: DataRequestStatus;
  params: DataRequestParams;
  received_at: Date;
  due_at: Date;
  completed_at: Date | null;
  refusal_reason: string | null;
  result: Buffer | null;
}

interface StepRow {
  request_id: string;
  position: number;
  target: StepTarget;
  action: StepAction;
  status: StepStatus;
  attempts: number;
  last_error: string | null;
  output: Buffer | null;
}

const COLUMNS = 'id, subject_id, type, status, params, received_at, due_at, completed_at, refusal_reason, result';
const RESULT = { table: 'privacy.data_requests', column: 'result' };
const OUTPUT = { table: 'privacy.data_request_steps', column: 'output' };
const CORRECTION = { table: 'privacy.data_requests', column: 'correction_value' };

@Injectable()
export class DataRequestPostgresRepository extends DataRequestRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: PiiVault,
  ) {
    super();
  }

  private seal(value: unknown, context: typeof RESULT): Buffer {
    return this.vault.encryptString(JSON.stringify(value ?? null), context);
  }

  private open(sealed: Buffer | null, context: typeof RESULT): unknown {
    return sealed ? (JSON.parse(this.vault.decryptString(sealed, context)) as unknown) : undefined;
  }

  private async hydrate(rows: RequestRow[], executor: DataSource | EntityManager = this.dataSource): Promise<DataRequest[]> {
    if (rows.length === 0) return [];
    const steps: StepRow[] = await executor.query('SELECT * FROM privacy.data_request_steps WHERE request_id = ANY($1) ORDER BY request_id, position', [
      rows.map((row) => row.id),
    ]);
    return rows.map((row) => ({
      id: row.id,
      subjectId: row.subject_id,
      type: row.type,
      status: row.status,
      params: row.params,
      receivedAt: row.received_at,
      dueAt: row.due_at,
      ...(row.completed_at ? { completedAt: row.completed_at } : {}),
      ...(row.refusal_reason ? { refusalReason: row.refusal_reason } : {}),
      ...(row.result ? { result: this.open(row.result, RESULT) } : {}),
      steps: steps
        .filter((step) => step.request_id === row.id)
        .map((step) => ({
          target: step.target,
          action: step.action,
          status: step.status,
          attempts: step.attempts,
          ...(step.last_error ? { lastError: step.last_error } : {}),
          ...(step.output ? { output: this.open(step.output, OUTPUT) } : {}),
        })),
    }));
  }

  create(request: DataRequest, correctionValue: string | undefined, audit: NewAuditEntry): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO privacy.data_requests (id, subject_id, type, status, params, correction_value, received_at, due_at, completed_at, refusal_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          request.id,
          request.subjectId,
          request.type,
          request.status,
          JSON.stringify(request.params),
          correctionValue === undefined ? null : this.vault.encryptString(correctionValue, CORRECTION),
          request.receivedAt,
          request.dueAt,
          request.completedAt ?? null,
          request.refusalReason ?? null,
        ],
      );
      for (const [position, step] of request.steps.entries()) {
        await manager.query('INSERT INTO privacy.data_request_steps (request_id, position, target, action, status) VALUES ($1, $2, $3, $4, $5)', [
          request.id,
          position,
          step.target,
          step.action,
          step.status,
        ]);
      }
      await appendAuditEntries(manager, this.vault, [audit]);
    });
  }

  async findForSubject(subjectId: string, id: string): Promise<DataRequest | undefined> {
    const rows: RequestRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM privacy.data_requests WHERE id = $1 AND subject_id = $2`, [id, subjectId]);
    return (await this.hydrate(rows))[0];
  }

  async list(query: DueQuery): Promise<DataRequest[]> {
    const conditions = ['true'];
    const parameters: unknown[] = [];
    const add = (sql: string, ...values: unknown[]): void => {
      conditions.push(sql.replace(/\?/g, () => `$${parameters.push(values.shift())}`));
    };
    add('status = ANY(?)', query.statuses);
    if (query.dueBefore) add('due_at < ?', query.dueBefore);
    if (query.afterId) add('(due_at, id) > (?::timestamptz, ?::uuid)', query.afterId.dueAt, query.afterId.id);
    parameters.push(query.limit);
    const rows: RequestRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM privacy.data_requests WHERE ${conditions.join(' AND ')} ORDER BY due_at, id LIMIT $${parameters.length}`,
      parameters,
    );
    return this.hydrate(rows);
  }

  async claimWork(limit: number, leaseMs: number): Promise<DataRequest[]> {
    const rows = await queryRows<RequestRow>(
      this.dataSource,
      `UPDATE privacy.data_requests SET lease_until = now() + make_interval(secs => $2)
       WHERE id IN (
         SELECT id FROM privacy.data_requests
         WHERE status IN ('RECEIVED', 'IN_PROGRESS') AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
         ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [limit, leaseMs / 1000],
    );
    return this.hydrate(rows);
  }

  async correctionValue(id: string): Promise<string | undefined> {
    const [row] = (await this.dataSource.query('SELECT correction_value FROM privacy.data_requests WHERE id = $1', [id])) as Array<{
      correction_value: Buffer | null;
    }>;
    return row?.correction_value ? this.vault.decryptString(row.correction_value, CORRECTION) : undefined;
  }

  recordStep(
    id: string,
    step: DataRequestStep,
    status: StepStatus,
    update: { error?: string; output?: unknown; retryAt?: Date },
    audit: NewAuditEntry,
  ): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE privacy.data_request_steps SET status = $4, attempts = attempts + 1, last_error = $5, output = COALESCE($6, output), updated_at = now()
         WHERE request_id = $1 AND target = $2 AND action = $3`,
        [id, step.target, step.action, status, update.error?.slice(0, 300) ?? null, update.output === undefined ? null : this.seal(update.output, OUTPUT)],
      );
      await manager.query(
        `UPDATE privacy.data_requests SET status = 'IN_PROGRESS', next_attempt_at = COALESCE($2, now()), lease_until = CASE WHEN $2::timestamptz IS NULL THEN lease_until ELSE NULL END WHERE id = $1`,
        [id, update.retryAt ?? null],
      );
      await appendAuditEntries(manager, this.vault, [audit]);
    });
  }

  async storeResult(id: string, result: unknown): Promise<void> {
    await this.dataSource.query('UPDATE privacy.data_requests SET result = $2 WHERE id = $1', [id, this.seal(result, RESULT)]);
  }

  finish(id: string, outcome: { status: 'COMPLETED' | 'REFUSED'; result?: unknown; refusalReason?: string }, audit: NewAuditEntry): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE privacy.data_requests SET status = $2, completed_at = now(), result = COALESCE($3, result), refusal_reason = $4, lease_until = NULL WHERE id = $1`,
        [id, outcome.status, outcome.result === undefined ? null : this.seal(outcome.result, RESULT), outcome.refusalReason ?? null],
      );
      await appendAuditEntries(manager, this.vault, [audit]);
    });
  }

  async countOpen(dueBefore: Date): Promise<number> {
    const [row] = (await this.dataSource.query('SELECT count(*)::int AS count FROM privacy.data_requests WHERE status = ANY($1) AND due_at < $2', [
      OPEN_STATUSES,
      dueBefore,
    ])) as Array<{ count: number }>;
    return row?.count ?? 0;
  }
}
