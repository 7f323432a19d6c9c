import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentitySchema1732233600000 implements MigrationInterface {
  name = 'CreateIdentitySchema1732233600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE identity.verification_levels (
        subject_id   varchar(128) PRIMARY KEY,
        level        varchar(2)   NOT NULL CHECK (level IN ('L1', 'L2', 'L3')),
        verified_at  timestamptz  NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE identity.verification_levels');
  }
}
