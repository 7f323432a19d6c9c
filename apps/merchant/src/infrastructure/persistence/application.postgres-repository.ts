import { Injectable } from '@nestjs/common';
import { AuditRecorder } from '#libs/audit';
import { decodeCursor, encodeCursor, isUniqueViolation, queryRows } from '#libs/db';
import { DomainError } from '#libs/errors';
import { OutboxWriter } from '#libs/outbox';
import { PiiVault } from '#libs/pii';
import { DataSource, type EntityManager } from 'typeorm';
import type { Application, ApplicationForm, ApplicationKind, ApplicationStatus, ReviewDecision, Transition } from '../../applications/application.js';
import { ApplicationRepository, type ApplicationChange, type DuplicateHit, type Page, type SaveResult } from '../../applications/application.repository.js';
import { duplicateKeysOf } from '../../applications/duplicate-keys.js';
import { LIVE_STATUSES } from '../../applications/status-machine.js';
import { isUuid } from '../../shared/identifiers.js';
import { WEBHOOK_TOPIC } from '../../webhooks/webhook-topic.js';
import { insertTransition, reviewDecisionsOf, transitionsOf } from './application-history.sql.js';
import { APPLICATION_COLUMNS, CLIENT_IP, FORM, toApplication, type ApplicationRow } from './application.rows.js';

/** A list cursor this repository wrote: a time and an id, or CURSOR_INVALID (never a database error). */
function readCursor(cursor: string): { at: string; id: string } {
  const { at, id } = decodeCursor(cursor, ['at', 'id'] as const);
  if (!isUuid(id) || Number.isNaN(Date.parse(at)) || !/^\d{4}-\d{2}-\d{2}T/.test(at))
    throw new DomainError('CURSOR_INVALID', 'The cursor is not valid', [
      { field: 'cursor', code: 'CURSOR_INVALID', message: 'cursor is not a cursor this list returned' },
    ]);
  return { at, id };
}

/**
 * Records restricted under a legal hold (docs/merchant.md, "Data-subject
 * rights and retention") are out of every use but legal duties: no read,
 * list, queue or write here sees them. Only duplicate detection reads their
 * blind indexes.
 */
const USABLE = 'restricted_at IS NULL';

/** Thrown inside a transaction to roll it back and report a stale write. */
class StaleWrite extends Error {}

@Injectable()
export class ApplicationPostgresRepository extends ApplicationRepository {
  private readonly audit = new AuditRecorder('merchant');
  private readonly outbox = new OutboxWriter('merchant');

  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: PiiVault,
  ) {
    super();
  }

  async create(application: Application): Promise<{ application: Application; created: boolean }> {
    const inserted = await queryRows<{ id: string }>(
      this.dataSource,
      `INSERT INTO merchant.applications (${INSERT_COLUMNS}) VALUES (${INSERT_PLACEHOLDERS})
       ON CONFLICT (merchant_id, business_code) WHERE ${USABLE} DO NOTHING RETURNING id`,
      this.insertValues(application),
    );
    if (inserted.length > 0) return { application, created: true };
    const rows: ApplicationRow[] = await this.dataSource.query(
      `SELECT ${APPLICATION_COLUMNS} FROM merchant.applications WHERE merchant_id = $1 AND business_code = $2 AND ${USABLE}`,
      [application.merchantId, application.businessCode],
    );
    return { application: this.toApplication(rows[0]!), created: false };
  }

  async createUpgrade(application: Application): Promise<boolean> {
    try {
      await this.dataSource.query(`INSERT INTO merchant.applications (${INSERT_COLUMNS}) VALUES (${INSERT_PLACEHOLDERS})`, this.insertValues(application));
      return true;
    } catch (error) {
      if (isUniqueViolation(error, 'applications_one_open_upgrade')) return false;
      throw error;
    }
  }

  async save(change: ApplicationChange): Promise<SaveResult> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const { application } = change;
        if (change.guardDuplicates) {
          await this.lockDuplicateKeys(manager, application);
          const duplicates = await this.duplicatesOf(manager, application);
          if (duplicates.length > 0) return { ok: false, reason: 'DUPLICATE', duplicates } as const;
        }
        const updated = await queryRows<{ version: number }>(
          manager,
          `UPDATE merchant.applications SET
             status = $3, level = $4, form_enc = $5, credit_code_bidx = $6, principal_id_bidx = $7, client_ip_enc = $8,
             checks = $9, reasons = $10, review_round = $11, approvals_required = $12, check_attempts = $13,
             next_check_at = CASE WHEN $14::boolean THEN next_check_at ELSE $15::timestamptz END,
             check_lease_until = CASE WHEN $14::boolean THEN check_lease_until ELSE $16::timestamptz END,
             updated_at = $17, submitted_at = $18, decided_at = $19, version = version + 1
           WHERE id = $1 AND version = $2 AND ${USABLE} RETURNING version`,
          [application.id, change.expectedVersion, ...this.mutableValues(application, change)],
        );
        if (updated.length === 0) return { ok: false, reason: 'STALE' } as const;
        if (change.transition) await insertTransition(manager, application.id, change.transition);
        if (change.decision) await this.insertDecision(manager, change.decision);
        if (change.parentLevel) {
          const parent = await queryRows(
            manager,
            `UPDATE merchant.applications SET level = $2, version = version + 1, updated_at = $3 WHERE id = $1 AND status = 'ACTIVE' AND ${USABLE} RETURNING id`,
            [change.parentLevel.id, change.parentLevel.level, application.updatedAt],
          );
          if (parent.length === 0) throw new StaleWrite();
        }
        for (const [index, record] of change.audit.entries())
          await this.audit.record(manager, record, `${change.transition?.eventId ?? change.decision?.id ?? application.id}:${index}`);
        if (change.webhook) await this.enqueueWebhook(manager, application.merchantId, change.webhook);
        const schedule = this.scheduleOf(change);
        const nextCheckAt = schedule ? schedule.nextCheckAt : application.nextCheckAt;
        const { nextCheckAt: _previous, ...rest } = application;
        return { ok: true, application: { ...rest, ...(nextCheckAt ? { nextCheckAt } : {}), version: updated[0]!.version } } as const;
      });
    } catch (error) {
      // A concurrent approval by the same reviewer, or a parent that changed: read again and decide again.
      if (error instanceof StaleWrite || isUniqueViolation(error, 'review_decisions_one_approval')) return { ok: false, reason: 'STALE' };
      throw error;
    }
  }

  async findById(id: string): Promise<Application | undefined> {
    if (!isUuid(id)) return undefined;
    const rows: ApplicationRow[] = await this.dataSource.query(`SELECT ${APPLICATION_COLUMNS} FROM merchant.applications WHERE id = $1 AND ${USABLE}`, [id]);
    return rows[0] ? this.toApplication(rows[0]) : undefined;
  }

  async findOwned(merchantId: string, id: string): Promise<Application | undefined> {
    if (!isUuid(id)) return undefined;
    const rows: ApplicationRow[] = await this.dataSource.query(
      `SELECT ${APPLICATION_COLUMNS} FROM merchant.applications WHERE id = $1 AND merchant_id = $2 AND ${USABLE}`,
      [id, merchantId],
    );
    return rows[0] ? this.toApplication(rows[0]) : undefined;
  }

  async listOwned(merchantId: string, limit: number, cursor?: string): Promise<Page<Application>> {
    const after = cursor ? readCursor(cursor) : undefined;
    const rows: ApplicationRow[] = await this.dataSource.query(
      `SELECT ${APPLICATION_COLUMNS} FROM merchant.applications
       WHERE merchant_id = $1 AND ${USABLE} AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $4`,
      [merchantId, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    return this.page(rows, limit, (row) => ({ at: row.created_at.toISOString(), id: row.id }));
  }

  async listByStatus(status: ApplicationStatus, kind: ApplicationKind | undefined, limit: number, cursor?: string): Promise<Page<Application>> {
    const after = cursor ? readCursor(cursor) : undefined;
    // Oldest first: a queue is worked from the front.
    const rows: ApplicationRow[] = await this.dataSource.query(
      `SELECT ${APPLICATION_COLUMNS} FROM merchant.applications
       WHERE status = $1 AND ${USABLE} AND ($2::varchar IS NULL OR kind = $2)
         AND ($3::timestamptz IS NULL OR (COALESCE(submitted_at, created_at), id) > ($3::timestamptz, $4::uuid))
       ORDER BY COALESCE(submitted_at, created_at), id LIMIT $5`,
      [status, kind ?? null, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    return this.page(rows, limit, (row) => ({ at: (row.submitted_at ?? row.created_at).toISOString(), id: row.id }));
  }

  async history(applicationId: string): Promise<Transition[]> {
    return (await transitionsOf(this.dataSource, [applicationId])).map((entry) => entry.transition);
  }

  decisions(applicationId: string): Promise<ReviewDecision[]> {
    return this.decisionsOf([applicationId]);
  }

  decisionsOf(applicationIds: string[]): Promise<ReviewDecision[]> {
    return reviewDecisionsOf(this.dataSource, applicationIds);
  }

  findDuplicates(application: Application): Promise<DuplicateHit[]> {
    return this.duplicatesOf(this.dataSource.manager, application);
  }

  async claimDueForChecks(now: Date, leaseMs: number, limit: number): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `UPDATE merchant.applications SET check_lease_until = $1::timestamptz + make_interval(secs => $2)
       WHERE id IN (
         SELECT id FROM merchant.applications
         WHERE status = 'SUBMITTED' AND ${USABLE} AND next_check_at <= $1 AND (check_lease_until IS NULL OR check_lease_until < $1)
         ORDER BY next_check_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [now, leaseMs / 1000, limit],
    );
    return rows.map((row) => row.id);
  }

  private blindIndexes(application: Application): { creditCode: string | null; principalId: string | null } {
    const keys = duplicateKeysOf(application);
    const principal = keys.principalId;
    return {
      creditCode: keys.creditCode ? this.vault.blindIndex('credit_code', keys.creditCode.value) : null,
      // Resident ID numbers index as such (any written form matches); other documents by type and number.
      principalId: principal
        ? principal.idType === 'RESIDENT_ID'
          ? this.vault.blindIndex('id_number', principal.value)
          : this.vault.blindIndex('generic', `${principal.idType}:${principal.value}`)
        : null,
    };
  }

  private async lockDuplicateKeys(manager: EntityManager, application: Application): Promise<void> {
    const { creditCode, principalId } = this.blindIndexes(application);
    // Sorted, so two submissions sharing both keys take the locks in the same order.
    for (const key of [creditCode, principalId].filter((value): value is string => value !== null).sort())
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`merchant-duplicate:${key}`]);
  }

  private async duplicatesOf(manager: EntityManager, application: Application): Promise<DuplicateHit[]> {
    const keys = duplicateKeysOf(application);
    const { creditCode, principalId } = this.blindIndexes(application);
    if (!creditCode && !principalId) return [];
    const rows: Array<{ by_credit_code: boolean; by_principal: boolean }> = await manager.query(
      `SELECT COALESCE(credit_code_bidx = $2, false) AS by_credit_code, COALESCE(principal_id_bidx = $3, false) AS by_principal
       FROM merchant.applications
       WHERE kind = 'ONBOARDING' AND id <> $1 AND (credit_code_bidx = $2 OR principal_id_bidx = $3)
         -- A restricted record counts with the status it had when restricted: closing an account is no way around this check.
         AND COALESCE(restricted_status, status) = ANY($4)`,
      [application.id, creditCode, principalId, LIVE_STATUSES],
    );
    const hits: DuplicateHit[] = [];
    if (rows.some((row) => row.by_credit_code)) hits.push({ field: keys.creditCode!.field });
    if (rows.some((row) => row.by_principal)) hits.push({ field: keys.principalId!.field });
    return hits;
  }

  private async insertDecision(manager: EntityManager, decision: ReviewDecision): Promise<void> {
    await manager.query(
      `INSERT INTO merchant.review_decisions (id, application_id, round, reviewer_id, decision, reasons, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [decision.id, decision.applicationId, decision.round, decision.reviewerId, decision.decision, JSON.stringify(decision.reasons), decision.decidedAt],
    );
  }

  /** Only merchants with a webhook get events; the row exists iff the change committed. */
  private async enqueueWebhook(manager: EntityManager, merchantId: string, event: ApplicationChange['webhook'] & object): Promise<void> {
    const configured: unknown[] = await manager.query('SELECT 1 FROM merchant.webhooks WHERE merchant_id = $1', [merchantId]);
    if (configured.length === 0) return;
    await this.outbox.enqueue(manager, { topic: WEBHOOK_TOPIC, dedupeKey: `webhook:${event.event_id}`, payload: { ...event } });
  }

  private insertValues(application: Application): unknown[] {
    const { creditCode, principalId } = this.blindIndexes(application);
    return [
      application.id,
      application.merchantId,
      application.createdBy ?? null,
      application.kind,
      application.businessCode ?? null,
      application.parentId ?? null,
      application.type,
      application.status,
      application.level,
      this.encryptForm(application.form),
      creditCode,
      principalId,
      application.createdAt,
      application.updatedAt,
    ];
  }

  private mutableValues(application: Application, change: ApplicationChange): unknown[] {
    const { creditCode, principalId } = this.blindIndexes(application);
    const schedule = this.scheduleOf(change);
    return [
      application.status,
      application.level,
      this.encryptForm(application.form),
      creditCode,
      principalId,
      application.clientIp ? this.vault.encryptString(application.clientIp, CLIENT_IP) : null,
      JSON.stringify(application.checks),
      JSON.stringify(application.reasons),
      application.reviewRound,
      application.approvalsRequired,
      application.checkAttempts,
      schedule === undefined,
      schedule?.nextCheckAt ?? null,
      schedule?.leaseUntil ?? null,
      application.updatedAt,
      application.submittedAt ?? null,
      application.decidedAt ?? null,
    ];
  }

  /** Outside SUBMITTED nothing is scheduled; within it, the schedule stays unless the change sets one. */
  private scheduleOf(change: ApplicationChange): ApplicationChange['checkSchedule'] {
    return change.checkSchedule ?? (change.application.status === 'SUBMITTED' ? undefined : { nextCheckAt: null, leaseUntil: null });
  }

  private encryptForm(form: ApplicationForm): Buffer {
    return this.vault.encryptString(JSON.stringify(form), FORM);
  }

  private page(rows: ApplicationRow[], limit: number, position: (row: ApplicationRow) => Record<string, string>): Page<Application> {
    const items = rows.slice(0, limit).map((row) => this.toApplication(row));
    const last = rows[limit - 1];
    return { items, ...(rows.length > limit && last ? { nextCursor: encodeCursor(position(last)) } : {}) };
  }

  private toApplication(row: ApplicationRow): Application {
    return toApplication(row, this.vault);
  }
}

const INSERT_COLUMNS =
  'id, merchant_id, created_by, kind, business_code, parent_id, type, status, level, form_enc, credit_code_bidx, principal_id_bidx, created_at, updated_at';
const INSERT_PLACEHOLDERS = Array.from({ length: 14 }, (_, index) => `$${index + 1}`).join(', ');
