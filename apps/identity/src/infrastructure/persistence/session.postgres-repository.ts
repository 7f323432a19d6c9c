import { Injectable } from '@nestjs/common';
import { queryRows } from '#libs/db';
import { OutboxWriter } from '#libs/outbox';
import { PiiVault } from '#libs/pii';
import { DataSource, type EntityManager } from 'typeorm';
import { RISK_OUTCOME_TOPIC } from '../adapters/risk-outcome-delivery.js';
import { SessionRepository, type NewSession, type SessionChange } from '../../sessions/session.repository.js';
import type { FactorRecord, Session } from '../../sessions/session.js';
import { FACTOR_COLUMNS, SESSION_COLUMNS, SESSIONS_TABLE, toSession, type FactorRow, type SessionRow } from './session.rows.js';
import { raiseVerificationLevel } from './verification-level.sql.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class SessionPostgresRepository extends SessionRepository {
  private readonly outbox = new OutboxWriter('identity');

  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: PiiVault,
  ) {
    super();
  }

  async create(session: NewSession): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO identity.sessions (id, subject_id, target_level, status, created_at, expires_at) VALUES ($1, $2, $3, 'OPEN', $4, $5)`,
      [session.id, session.subjectId, session.targetLevel, session.createdAt, session.expiresAt],
    );
  }

  /** Restricted sessions (kept under a legal hold after an erasure) are out of every normal use: as if absent. */
  async findOwned(sessionId: string, subjectId: string): Promise<Session | undefined> {
    if (!UUID.test(sessionId)) return undefined;
    const [row] = await queryRows<SessionRow>(
      this.dataSource,
      `SELECT ${SESSION_COLUMNS} FROM identity.sessions WHERE id = $1 AND subject_id = $2 AND restricted_at IS NULL`,
      [sessionId, subjectId],
    );
    if (!row) return undefined;
    const factors = await queryRows<FactorRow>(this.dataSource, `SELECT ${FACTOR_COLUMNS} FROM identity.session_factors WHERE session_id = $1 ORDER BY id`, [
      sessionId,
    ]);
    return toSession(row, factors, this.vault);
  }

  async claim(sessionId: string, subjectId: string, now: Date, until: Date): Promise<boolean> {
    if (!UUID.test(sessionId)) return false;
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `UPDATE identity.sessions SET busy_until = $4
       WHERE id = $1 AND subject_id = $2 AND restricted_at IS NULL AND (busy_until IS NULL OR busy_until <= $3) RETURNING id`,
      [sessionId, subjectId, now, until],
    );
    return rows.length === 1;
  }

  async releaseClaim(sessionId: string): Promise<void> {
    await this.dataSource.query('UPDATE identity.sessions SET busy_until = NULL WHERE id = $1', [sessionId]);
  }

  applyFactor(change: SessionChange): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const encrypt = (value: string | undefined, column: string): Buffer | null =>
        value ? this.vault.encryptString(value, { table: SESSIONS_TABLE, column }) : null;
      const index = (kind: 'id_number' | 'bank_card' | 'mobile', value: string | undefined): string | null =>
        value ? this.vault.blindIndex(kind, value) : null;
      const updated = await queryRows<{ subject_id: string }>(
        manager,
        `UPDATE identity.sessions SET
           status = $3, verified_at = COALESCE($4, verified_at), version = version + 1, busy_until = NULL,
           name_enc = COALESCE($5, name_enc), id_number_enc = COALESCE($6, id_number_enc), id_number_bidx = COALESCE($7, id_number_bidx),
           card_number_enc = COALESCE($8, card_number_enc), card_number_bidx = COALESCE($9, card_number_bidx),
           phone_enc = COALESCE($10, phone_enc), phone_bidx = COALESCE($11, phone_bidx)
         WHERE id = $1 AND version = $2 AND restricted_at IS NULL RETURNING subject_id`,
        [
          change.sessionId,
          change.expectedVersion,
          change.status,
          change.verifiedAt ?? null,
          encrypt(change.identity?.name, 'name'),
          encrypt(change.identity?.idNumber, 'id_number'),
          index('id_number', change.identity?.idNumber),
          encrypt(change.card?.cardNumber, 'card_number'),
          index('bank_card', change.card?.cardNumber),
          encrypt(change.card?.phone, 'phone'),
          index('mobile', change.card?.phone),
        ],
      );
      const subjectId = updated[0]?.subject_id;
      if (!subjectId) return false;
      await this.insertFactor(manager, change.sessionId, change.factor);
      if (change.attempt?.failed) await manager.query(`UPDATE identity.failed_attempts SET state = 'FAILED' WHERE id = $1`, [change.attempt.id]);
      else if (change.attempt) await manager.query('DELETE FROM identity.failed_attempts WHERE id = $1', [change.attempt.id]);
      if (change.reachedLevel)
        await raiseVerificationLevel(
          manager,
          subjectId,
          change.reachedLevel.level,
          change.reachedLevel.at,
          this.vault.blindIndex('id_number', change.reachedLevel.idNumber),
        );
      if (change.riskOutcome) {
        await this.outbox.enqueue(manager, {
          topic: RISK_OUTCOME_TOPIC,
          dedupeKey: `risk-outcome:${change.riskOutcome.decisionId}`,
          payload: { decisionId: change.riskOutcome.decisionId, outcome: change.riskOutcome.outcome },
        });
      }
      return true;
    });
  }

  private async insertFactor(manager: EntityManager, sessionId: string, factor: FactorRecord): Promise<void> {
    await manager.query(
      `INSERT INTO identity.session_factors (session_id, type, result, reason_code, retryable, billed, face_sha256, liveness_score, similarity, liveness_verdict, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        sessionId,
        factor.type,
        factor.result,
        factor.reasonCode ?? null,
        factor.retryable,
        factor.billed,
        factor.face?.sha256 ?? null,
        factor.face?.livenessScore ?? null,
        factor.face?.similarity ?? null,
        factor.face?.livenessVerdict ?? null,
        factor.at,
      ],
    );
  }
}
