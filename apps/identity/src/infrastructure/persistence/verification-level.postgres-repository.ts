import { Injectable } from '@nestjs/common';
import { queryRows } from '#libs/db';
import { PiiVault } from '#libs/pii';
import { DataSource } from 'typeorm';
import { VerificationLevelRepository } from '../../verification-level/verification-level.repository.js';
import type { Level, VerifiedLevel } from '../../verification-level/verified-level.js';

@Injectable()
export class VerificationLevelPostgresRepository extends VerificationLevelRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: PiiVault,
  ) {
    super();
  }

  async findBySubject(subjectId: string): Promise<VerifiedLevel | undefined> {
    const [row] = await queryRows<{ level: Level; verified_at: Date }>(
      this.dataSource,
      'SELECT level, verified_at FROM identity.verification_levels WHERE subject_id = $1',
      [subjectId],
    );
    return row ? { subjectId, level: row.level, verifiedAt: row.verified_at } : undefined;
  }

  async boundToAnotherIdNumber(subjectId: string, idNumber: string): Promise<boolean> {
    const [row] = await queryRows<{ id_number_bidx: string | null }>(
      this.dataSource,
      'SELECT id_number_bidx FROM identity.verification_levels WHERE subject_id = $1',
      [subjectId],
    );
    return Boolean(row?.id_number_bidx) && row!.id_number_bidx !== this.vault.blindIndex('id_number', idNumber);
  }
}
