import { Injectable } from '@nestjs/common';
import { isUniqueViolation, queryRows } from '#libs/db';
import { PiiVault } from '#libs/pii';
import { DataSource, type EntityManager } from 'typeorm';
import { FACTOR_TYPES, type FactorType, type Level } from '../../sessions/session.js';
import {
  SubjectDataRepository,
  type Erasure,
  type ErasureOutcome,
  type ErasureResult,
  type HeldRecords,
  type SubjectRecords,
} from '../../subject-data/subject-data.repository.js';
import { evidenceCtes } from './session-evidence.sql.js';
import { FACTOR_COLUMNS, SESSION_COLUMNS, toSession, type FactorRow, type SessionRow } from './session.rows.js';

interface HeldSessionRow extends SessionRow {
  restricted_at: Date | null;
  hold_until: Date | null;
}

/** The receipt's stored form: dates as RFC 3339 strings. */
interface StoredOutcome {
  deleted: number;
  anonymised: number;
  held: Array<{ holdUntil: string | null; records: number }>;
}

const stored = (outcome: ErasureOutcome): StoredOutcome => ({
  deleted: outcome.deleted,
  anonymised: outcome.anonymised,
  held: outcome.held.map((group) => ({ holdUntil: group.holdUntil?.toISOString() ?? null, records: group.records })),
});

const restored = (outcome: StoredOutcome): ErasureOutcome => ({
  deleted: outcome.deleted,
  anonymised: outcome.anonymised,
  held: outcome.held.map((group) => ({ ...(group.holdUntil ? { holdUntil: new Date(group.holdUntil) } : {}), records: group.records })),
});

const count = async (manager: EntityManager, sql: string, parameters: unknown[]): Promise<number> => (await queryRows(manager, sql, parameters)).length;

@Injectable()
export class SubjectDataPostgresRepository extends SubjectDataRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: PiiVault,
  ) {
    super();
  }

  /** One consistent snapshot of everything the schema holds on the subject, restricted records included. */
  load(subjectId: string): Promise<SubjectRecords> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const sessions = await queryRows<HeldSessionRow>(
        manager,
        `SELECT ${SESSION_COLUMNS}, restricted_at, hold_until FROM identity.sessions WHERE subject_id = $1 ORDER BY created_at, id`,
        [subjectId],
      );
      const factors = await queryRows<FactorRow>(
        manager,
        `SELECT ${FACTOR_COLUMNS} FROM identity.session_factors WHERE session_id = ANY($1::uuid[]) ORDER BY id`,
        [sessions.map((row) => row.id)],
      );
      const [level] = await queryRows<{ level: Level; verified_at: Date }>(
        manager,
        'SELECT level, verified_at FROM identity.verification_levels WHERE subject_id = $1',
        [subjectId],
      );
      const attempts = await queryRows<{ kind: FactorType; count: number }>(
        manager,
        'SELECT kind, count(*)::int AS count FROM identity.failed_attempts WHERE subject_id = $1 GROUP BY kind',
        [subjectId],
      );
      const failedAttempts = Object.fromEntries(FACTOR_TYPES.map((type) => [type, attempts.find((row) => row.kind === type)?.count ?? 0])) as Record<
        FactorType,
        number
      >;
      return {
        sessions: sessions.map((row) => ({
          ...toSession(
            row,
            factors.filter((factor) => factor.session_id === row.id),
            this.vault,
          ),
          ...(row.restricted_at ? { restrictedAt: row.restricted_at } : {}),
          ...(row.hold_until ? { holdUntil: row.hold_until } : {}),
        })),
        ...(level ? { level: { subjectId, level: level.level, verifiedAt: level.verified_at } } : {}),
        failedAttempts,
      };
    });
  }

  async erase(erasure: Erasure): Promise<ErasureResult> {
    try {
      return await this.eraseOnce(erasure);
    } catch (error) {
      // The same request id raced in for another subject: the receipt now exists, so its answer decides.
      if (isUniqueViolation(error)) return this.eraseOnce(erasure);
      throw error;
    }
  }

  private eraseOnce(erasure: Erasure): Promise<ErasureResult> {
    return this.dataSource.transaction(async (manager) => {
      // One erasure of a subject at a time; a second one waits and then sees the first one's work.
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`identity:erasure:${erasure.subjectId}`]);
      const [receipt] = await queryRows<{ subject_id: string; mode: string; result: StoredOutcome }>(
        manager,
        'SELECT subject_id, mode, result FROM identity.erasures WHERE request_id = $1',
        [erasure.requestId],
      );
      if (receipt) {
        if (receipt.subject_id !== erasure.subjectId || receipt.mode !== erasure.mode) return { status: 'CONFLICT' };
        return { status: 'REPLAYED', outcome: restored(receipt.result) };
      }
      const outcome = await this.eraseSubject(manager, erasure);
      await manager.query('INSERT INTO identity.erasures (request_id, subject_id, mode, result, erased_at) VALUES ($1, $2, $3, $4, $5)', [
        erasure.requestId,
        erasure.subjectId,
        erasure.mode,
        JSON.stringify(stored(outcome)),
        erasure.at,
      ]);
      return { status: 'ERASED', outcome };
    });
  }

  private async eraseSubject(manager: EntityManager, erasure: Erasure): Promise<ErasureOutcome> {
    const subject = erasure.subjectId;
    // Row locks: a factor being written to one of these sessions either commits first (and is
    // erased with the rest) or finds the session changed and writes nothing.
    await manager.query('SELECT id FROM identity.sessions WHERE subject_id = $1 ORDER BY id FOR UPDATE', [subject]);
    const sessions = await queryRows<{ id: string; evidence: boolean }>(
      manager,
      `WITH ${evidenceCtes('s.subject_id = $1')} SELECT id, evidence FROM evidence`,
      [subject],
    );
    const kept = sessions.filter((row) => row.evidence).map((row) => row.id);
    const dropped = sessions.filter((row) => !row.evidence).map((row) => row.id);

    // Not needed by any legal duty: gone, factors and face digests with them (ON DELETE CASCADE).
    const sessionsDeleted = await count(manager, 'DELETE FROM identity.sessions WHERE id = ANY($1::uuid[]) RETURNING id', [dropped]);
    // The due diligence record: kept as recorded, out of every normal use. Bumping the version
    // makes a factor submission in flight on it fail instead of writing.
    await manager.query(
      'UPDATE identity.sessions SET restricted_at = $2, busy_until = NULL, version = version + 1 WHERE id = ANY($1::uuid[]) AND restricted_at IS NULL',
      [kept, erasure.at],
    );
    // The relationship ends: every restricted record of the subject starts its hold (an earlier end stands).
    if (erasure.holdUntil)
      await manager.query('UPDATE identity.sessions SET hold_until = $2 WHERE subject_id = $1 AND restricted_at IS NOT NULL AND hold_until IS NULL', [
        subject,
        erasure.holdUntil,
      ]);
    // Failures still in the window keep counting against the number tried (blind index), so an
    // erasure cannot reset a number's lockout; they no longer point at the subject.
    const attemptsDetached = await count(manager, 'UPDATE identity.failed_attempts SET subject_id = NULL WHERE subject_id = $1 AND at >= $2 RETURNING id', [
      subject,
      erasure.attemptsSince,
    ]);
    const attemptsDeleted = await count(manager, 'DELETE FROM identity.failed_attempts WHERE subject_id = $1 RETURNING id', [subject]);
    // The level and its ID-number binding only summarise the sessions (kept above): with them
    // gone, the subject is unverified for every use and may verify again, as anyone. (Attempts
    // before levels: the order a factor write takes its locks in.)
    const levelsDeleted = await count(manager, 'DELETE FROM identity.verification_levels WHERE subject_id = $1 RETURNING subject_id', [subject]);
    const held = await queryRows<{ hold_until: Date | null; records: number }>(
      manager,
      `SELECT hold_until, count(*)::int AS records FROM identity.sessions WHERE subject_id = $1 AND restricted_at IS NOT NULL
       GROUP BY hold_until ORDER BY hold_until NULLS FIRST`,
      [subject],
    );
    return {
      deleted: sessionsDeleted + levelsDeleted + attemptsDeleted,
      anonymised: attemptsDetached,
      held: held.map((row): HeldRecords => ({ ...(row.hold_until ? { holdUntil: row.hold_until } : {}), records: row.records })),
    };
  }
}
