import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The "last located event" lookup (impossible travel) walks a subject's events
 * newest first until it meets one with a location. For a subject that never
 * sends GPS or a locatable IP, that walk read every event in the window on
 * every assessment, so a busy subject slowed the whole service. This partial
 * index holds only located events, so the lookup reads at most one entry.
 *
 * velocity_events is partitioned: an index on the parent reaches every
 * partition, including those the maintainer creates later. On a large table,
 * build it per partition CONCURRENTLY first (see 1732233605000).
 */
export class LocatedEventsIndex1732233606000 implements MigrationInterface {
  name = 'LocatedEventsIndex1732233606000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX IF NOT EXISTS velocity_located_by_subject ON risk.velocity_events (subject_id, occurred_at) WHERE loc_lat IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX IF EXISTS risk.velocity_located_by_subject`);
  }
}
