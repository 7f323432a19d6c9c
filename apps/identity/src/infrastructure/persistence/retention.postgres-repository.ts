import { Injectable } from '@nestjs/common';
import { queryRows } from '#libs/db';
import { DataSource, type EntityManager } from 'typeorm';
import { RetentionRepository, type RetentionCounts } from '../../subject-data/retention.repository.js';
import type { RetentionCutoffs } from '../../subject-data/retention-policy.js';
import { evidenceCtes, HOLDS_PERSONAL_DATA } from './session-evidence.sql.js';

const count = async (manager: EntityManager | DataSource, sql: string, parameters: unknown[]): Promise<number> =>
  (await queryRows(manager, sql, parameters)).length;

/**
 * Each action is one transaction, complete on its own and idempotent: a run
 * that fails halfway leaves finished actions done and the rest for the next
 * run. Only the identity schema is touched.
 */
@Injectable()
export class RetentionPostgresRepository extends RetentionRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async apply(cutoffs: RetentionCutoffs): Promise<RetentionCounts> {
    const sessionsPurged = await this.purgeUnverifiedSessions(cutoffs.unverifiedSessionsEndedBefore);
    const attemptsPurged = await count(this.dataSource, 'DELETE FROM identity.failed_attempts WHERE at < $1 RETURNING id', [cutoffs.attemptsBefore]);
    const ended = await this.endHolds(cutoffs.holdsEndedBefore);
    const erasureReceiptsPurged = await count(this.dataSource, 'DELETE FROM identity.erasures WHERE erased_at < $1 RETURNING request_id', [
      cutoffs.erasureReceiptsBefore,
    ]);
    return { sessionsPurged, attemptsPurged, holdsEnded: ended.subjects, recordsDeleted: ended.records, erasureReceiptsPurged };
  }

  /**
   * Sessions that ended without verifying (their deadline is past the
   * retention) lose their personal fields and face digests, unless the
   * subject's level rests on them (session-evidence.sql.ts). What stays is
   * what happened: status, factors, results, reason codes, scores, times.
   */
  private purgeUnverifiedSessions(endedBefore: Date): Promise<number> {
    const stale = (alias: string): string =>
      `${alias}.restricted_at IS NULL AND ${alias}.status <> 'VERIFIED' AND ${alias}.expires_at < $1 AND ${HOLDS_PERSONAL_DATA(alias)}`;
    return this.dataSource.transaction(async (manager) => {
      const candidates = await queryRows<{ id: string }>(
        manager,
        `WITH ${evidenceCtes(`s.subject_id IN (SELECT c.subject_id FROM identity.sessions c WHERE ${stale('c')})`)}
         SELECT id FROM evidence WHERE NOT evidence AND status <> 'VERIFIED' AND expires_at < $1 AND holds_personal_data`,
        [endedBefore],
      );
      const ids = candidates.map((row) => row.id);
      if (ids.length === 0) return 0;
      // Rechecked under the row lock: a session restricted meanwhile is held, not purged.
      const purged = await queryRows<{ id: string }>(
        manager,
        `UPDATE identity.sessions SET
           name_enc = NULL, id_number_enc = NULL, id_number_bidx = NULL, card_number_enc = NULL, card_number_bidx = NULL,
           phone_enc = NULL, phone_bidx = NULL, busy_until = NULL, version = version + 1
         WHERE id = ANY($1::uuid[]) AND restricted_at IS NULL RETURNING id`,
        [ids],
      );
      await manager.query('UPDATE identity.session_factors SET face_sha256 = NULL WHERE session_id = ANY($1::uuid[]) AND face_sha256 IS NOT NULL', [
        purged.map((row) => row.id),
      ]);
      return purged.length;
    });
  }

  /**
   * Held records whose hold ended are deleted with their factors. A subject
   * with nothing else left in sessions then loses every other trace too
   * (level, failed attempts, erasure answers), so nothing of them remains; a
   * subject who came back after closing keeps the new relationship's data.
   */
  private endHolds(endedBefore: Date): Promise<{ subjects: number; records: number }> {
    return this.dataSource.transaction(async (manager) => {
      const deleted = await queryRows<{ subject_id: string }>(manager, 'DELETE FROM identity.sessions WHERE hold_until < $1 RETURNING subject_id', [
        endedBefore,
      ]);
      const subjects = [...new Set(deleted.map((row) => row.subject_id))];
      if (subjects.length === 0) return { subjects: 0, records: 0 };
      const gone = (
        await queryRows<{ subject_id: string }>(
          manager,
          `SELECT u.subject_id FROM unnest($1::varchar[]) AS u(subject_id)
           WHERE NOT EXISTS (SELECT 1 FROM identity.sessions s WHERE s.subject_id = u.subject_id)`,
          [subjects],
        )
      ).map((row) => row.subject_id);
      let records = deleted.length;
      records += await count(manager, 'DELETE FROM identity.failed_attempts WHERE subject_id = ANY($1::varchar[]) RETURNING id', [gone]);
      records += await count(manager, 'DELETE FROM identity.verification_levels WHERE subject_id = ANY($1::varchar[]) RETURNING subject_id', [gone]);
      records += await count(manager, 'DELETE FROM identity.erasures WHERE subject_id = ANY($1::varchar[]) RETURNING request_id', [gone]);
      return { subjects: subjects.length, records };
    });
  }
}
