import { describe, expect, it } from 'vitest';
import { beginWithLocksSql, lockKey, RISK_LOCK_SPACE } from './ledger/advisory-locks.js';
import { expiredEventPartitions } from './partition-maintainer.js';
import { createPartitionSql, DECISION_PARTITIONS, EVENT_PARTITIONS } from './partitions.js';

describe('partitions', () => {
  it('names monthly decision and daily event partitions with their bounds', () => {
    expect(createPartitionSql(DECISION_PARTITIONS, new Date('2025-12-17T10:00:00Z'))).toBe(
      "CREATE TABLE IF NOT EXISTS risk.decisions_p202512 PARTITION OF risk.decisions FOR VALUES FROM ('2025-12-01T00:00:00.000Z') TO ('2026-01-01T00:00:00.000Z')",
    );
    // 2024-02-29 was a Thursday: its week starts on Monday the 26th.
    expect(createPartitionSql(EVENT_PARTITIONS, new Date('2024-02-29T23:59:59Z'))).toBe(
      "CREATE TABLE IF NOT EXISTS risk.velocity_events_p20240226 PARTITION OF risk.velocity_events FOR VALUES FROM ('2024-02-26T00:00:00.000Z') TO ('2024-03-04T00:00:00.000Z')",
    );
    expect(createPartitionSql(EVENT_PARTITIONS, new Date('2024-03-04T00:00:00Z'))).toContain('velocity_events_p20240304');
  });
});

describe('advisory locks', () => {
  it('takes each key once, in ascending order, so transactions cannot deadlock', () => {
    const keys = [lockKey('d:b'), lockKey('s:a'), lockKey('d:b'), -5, 7];
    const sql = beginWithLocksSql(keys);
    const listed = /ARRAY\[([^\]]+)\]/.exec(sql)![1]!.split(',').map(Number);
    expect(listed).toEqual([...new Set(keys)].sort((a, b) => a - b));
    expect(sql).toContain(`pg_advisory_xact_lock(${RISK_LOCK_SPACE}, k)`);
    expect(beginWithLocksSql([])).toBe('BEGIN; SET LOCAL plan_cache_mode = force_generic_plan');
  });

  it('hashes to 32-bit signed integers', () => {
    for (const key of ['d:dv_x', 's:subject-1', '']) {
      expect(Number.isInteger(lockKey(key))).toBe(true);
      expect(lockKey(key)).toBeGreaterThanOrEqual(-(2 ** 31));
      expect(lockKey(key)).toBeLessThan(2 ** 31);
    }
  });
});

describe('expiredEventPartitions', () => {
  it('drops a week only when all of it is older than the retention', () => {
    const names = ['velocity_events_p20250106', 'velocity_events_p20250113', 'velocity_events_p20250120', 'velocity_events_default', 'something_else'];
    // Week of 13 Jan ends 20 Jan; with 8 days of retention on 28 Jan 12:00 the horizon is 20 Jan 12:00.
    expect(expiredEventPartitions(names, new Date('2025-01-28T12:00:00Z'), 8)).toEqual(['velocity_events_p20250106', 'velocity_events_p20250113']);
    expect(expiredEventPartitions(names, new Date('2025-01-27T23:00:00Z'), 8)).toEqual(['velocity_events_p20250106']);
  });
});
