import { Injectable } from '@nestjs/common';
import { queryRows } from '#libs/db';
import { PiiVault } from '#libs/pii';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AttemptLedger, type AttemptScope, type Reservation } from '../../sessions/attempt-ledger.js';

@Injectable()
export class AttemptLedgerPostgresRepository extends AttemptLedger {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: PiiVault,
  ) {
    super();
  }

  reserve(scope: AttemptScope, now: Date): Promise<Reservation> {
    const valueBidx = this.vault.blindIndex(scope.value.kind, scope.value.value);
    return this.dataSource.transaction(async (manager) => {
      // Serialise reservations of the same user or number; locks taken in a fixed order never deadlock.
      const keys = [`attempts:${scope.kind}:subject:${scope.subjectId}`, `attempts:${scope.kind}:value:${valueBidx}`].sort();
      for (const key of keys) await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
      const [counts] = await queryRows<{ by_subject: string; by_value: string }>(
        manager,
        `SELECT count(*) FILTER (WHERE subject_id = $2) AS by_subject, count(*) FILTER (WHERE value_bidx = $3) AS by_value
         FROM identity.failed_attempts WHERE kind = $1 AND at >= $4 AND (subject_id = $2 OR value_bidx = $3)`,
        [scope.kind, scope.subjectId, valueBidx, scope.since],
      );
      if (Number(counts?.by_subject ?? 0) >= scope.limit || Number(counts?.by_value ?? 0) >= scope.limit) return { ok: false };
      const id = randomUUID();
      await manager.query(`INSERT INTO identity.failed_attempts (id, kind, subject_id, value_bidx, state, at) VALUES ($1, $2, $3, $4, 'PENDING', $5)`, [
        id,
        scope.kind,
        scope.subjectId,
        valueBidx,
        now,
      ]);
      return { ok: true, id };
    });
  }

  async release(reservationId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM identity.failed_attempts WHERE id = $1 AND state = 'PENDING'`, [reservationId]);
  }
}
