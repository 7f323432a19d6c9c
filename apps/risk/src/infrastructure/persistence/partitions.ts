/**
 * Partition layout of the two time-series tables. The decision log is
 * partitioned by month (kept for years, dropped whole by retention).
 * Velocity events are kept only as long as the longest window, so expiring
 * them is a DROP TABLE, not a DELETE that bloats the table; they are
 * partitioned by week so a 7-day window reads at most two partitions.
 */
export type PartitionUnit = 'month' | 'week';

export interface PartitionedTable {
  table: 'decisions' | 'velocity_events';
  unit: PartitionUnit;
}

export const DECISION_PARTITIONS: PartitionedTable = { table: 'decisions', unit: 'month' };
export const EVENT_PARTITIONS: PartitionedTable = { table: 'velocity_events', unit: 'week' };

const DAY_MS = 86_400_000;

/** Months start on the 1st, weeks on Monday, both at 00:00 UTC. */
export function partitionStart(at: Date, unit: PartitionUnit): Date {
  if (unit === 'month') return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - sinceMonday * DAY_MS);
}

export function nextPartitionStart(start: Date, unit: PartitionUnit): Date {
  return unit === 'month' ? new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)) : new Date(start.getTime() + 7 * DAY_MS);
}

export function partitionName(table: PartitionedTable, start: Date): string {
  const y = start.getUTCFullYear();
  const m = String(start.getUTCMonth() + 1).padStart(2, '0');
  const d = String(start.getUTCDate()).padStart(2, '0');
  return table.unit === 'month' ? `${table.table}_p${y}${m}` : `${table.table}_p${y}${m}${d}`;
}

/** Idempotent DDL for the partition holding `at`; names and bounds come from dates we compute, never from input. */
export function createPartitionSql(table: PartitionedTable, at: Date): string {
  const start = partitionStart(at, table.unit);
  const end = nextPartitionStart(start, table.unit);
  return `CREATE TABLE IF NOT EXISTS risk.${partitionName(table, start)} PARTITION OF risk.${table.table} FOR VALUES FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`;
}
