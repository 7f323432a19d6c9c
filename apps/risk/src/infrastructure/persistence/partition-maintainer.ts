import type { DataSource } from 'typeorm';
import type { Logger } from '#libs/observability';
import { lockKey, RISK_LOCK_SPACE } from './ledger/advisory-locks.js';
import { createPartitionSql, DECISION_PARTITIONS, EVENT_PARTITIONS, partitionStart, type PartitionedTable } from './partitions.js';

export interface PartitionPolicy {
  /** Velocity events older than this are dropped, a whole day at a time. */
  eventRetentionDays: number;
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const EVENT_PARTITION_NAME = /^velocity_events_p(\d{4})(\d{2})(\d{2})$/;

/** Velocity-event partitions whose whole week is older than the retention. */
export function expiredEventPartitions(names: readonly string[], now: Date, retentionDays: number): string[] {
  const horizon = now.getTime() - retentionDays * DAY_MS;
  return names.filter((name) => {
    const match = EVENT_PARTITION_NAME.exec(name);
    return match !== null && Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) + WEEK_MS <= horizon;
  });
}

/**
 * Keeps partitions ahead of time (this month and the next two for
 * decisions, this week and the next for velocity events), drops velocity
 * weeks older than the retention, and deletes expired IP buckets. Instances
 * may all run it: a transaction-level advisory lock makes them take turns,
 * and the DDL is idempotent.
 */
export class PartitionMaintainer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: PartitionPolicy,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async maintain(): Promise<{ created: number; dropped: string[]; buckets: number }> {
    const now = this.clock();
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [RISK_LOCK_SPACE, lockKey('partition-maintenance')]);
      let created = 0;
      const ensure = async (table: PartitionedTable, at: Date): Promise<void> => {
        try {
          await manager.query('SAVEPOINT partition');
          await manager.query(createPartitionSql(table, at));
          await manager.query('RELEASE SAVEPOINT partition');
          created++;
        } catch (error) {
          // Rows already in the default partition for that range block the new one; they stay readable there.
          await manager.query('ROLLBACK TO SAVEPOINT partition');
          this.logger.warn({ err: error, table: table.table, at: at.toISOString() }, 'Could not create a partition ahead');
        }
      };
      for (let month = 0; month <= 2; month++) {
        const start = partitionStart(now, 'month');
        await ensure(DECISION_PARTITIONS, new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + month, 1)));
      }
      for (let week = 0; week <= 1; week++) await ensure(EVENT_PARTITIONS, new Date(now.getTime() + week * WEEK_MS));

      const partitions: Array<{ name: string }> = await manager.query(
        `SELECT c.relname AS name FROM pg_inherits i
         JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n ON n.oid = p.relnamespace
         WHERE n.nspname = 'risk' AND p.relname = 'velocity_events'`,
      );
      const dropped = expiredEventPartitions(
        partitions.map((partition) => partition.name),
        now,
        this.policy.eventRetentionDays,
      );
      for (const name of dropped) await manager.query(`DROP TABLE risk.${name}`);
      if (dropped.length > 0) this.logger.info({ dropped }, 'Dropped expired velocity-event partitions');
      // Minute buckets serve windows up to an hour, hour buckets up to a week.
      const [, buckets] = (await manager.query(
        `DELETE FROM risk.ip_event_counts WHERE (grain = 'm' AND bucket < $1::timestamptz - interval '2 hours') OR (grain = 'h' AND bucket < $1::timestamptz - interval '8 days')`,
        [now],
      )) as [unknown, number];
      return { created, dropped, buckets };
    });
  }
}
