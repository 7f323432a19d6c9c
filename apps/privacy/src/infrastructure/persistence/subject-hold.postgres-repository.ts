import { Injectable } from '@nestjs/common';
import { queryRows } from '#libs/db';
import { DataSource } from 'typeorm';
import { SubjectHoldRepository } from '../../retention/subject-hold.repository.js';

@Injectable()
export class SubjectHoldPostgresRepository extends SubjectHoldRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async closeRelationship(subjectId: string, endedAt: Date, holdUntil: Date): Promise<{ endedAt: Date; holdUntil: Date }> {
    await this.dataSource.query(
      'INSERT INTO privacy.subject_holds (subject_id, relationship_ended_at, hold_until) VALUES ($1, $2, $3) ON CONFLICT (subject_id) DO NOTHING',
      [subjectId, endedAt, holdUntil],
    );
    return (await this.find(subjectId))!;
  }

  async find(subjectId: string): Promise<{ endedAt: Date; holdUntil: Date } | undefined> {
    const [row] = (await this.dataSource.query('SELECT relationship_ended_at, hold_until FROM privacy.subject_holds WHERE subject_id = $1', [
      subjectId,
    ])) as Array<{ relationship_ended_at: Date; hold_until: Date }>;
    return row ? { endedAt: row.relationship_ended_at, holdUntil: row.hold_until } : undefined;
  }

  purgeExpired(asOf: Date): Promise<{ subjects: number; consentEvents: number; disclosures: number; dataRequests: number }> {
    return this.dataSource.transaction(async (manager) => {
      // The only session allowed to delete consent history: its trigger checks this setting.
      await manager.query(`SELECT set_config('kyc.retention_purge', 'on', true)`);
      const expired = await queryRows<{ subject_id: string }>(manager, 'DELETE FROM privacy.subject_holds WHERE hold_until < $1 RETURNING subject_id', [asOf]);
      const subjects = expired.map((row) => row.subject_id);
      if (subjects.length === 0) return { subjects: 0, consentEvents: 0, disclosures: 0, dataRequests: 0 };
      // Withdrawals reference their grants: delete them first.
      const withdrawals = await queryRows(manager, `DELETE FROM privacy.consent_events WHERE subject_id = ANY($1) AND action = 'WITHDRAW' RETURNING 1`, [
        subjects,
      ]);
      const grants = await queryRows(manager, 'DELETE FROM privacy.consent_events WHERE subject_id = ANY($1) RETURNING 1', [subjects]);
      const disclosures = await queryRows(manager, 'DELETE FROM privacy.disclosures WHERE subject_id = ANY($1) RETURNING 1', [subjects]);
      const requests = await queryRows(manager, 'DELETE FROM privacy.data_requests WHERE subject_id = ANY($1) RETURNING 1', [subjects]);
      return { subjects: subjects.length, consentEvents: withdrawals.length + grants.length, disclosures: disclosures.length, dataRequests: requests.length };
    });
  }
}
