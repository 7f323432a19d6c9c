import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '#libs/observability';
import type { DataSource } from 'typeorm';
import { openRiskDataSource } from '../../testing/risk-context.fixture.js';
import { PartitionMaintainer } from './partition-maintainer.js';
import { DECISION_PARTITIONS, EVENT_PARTITIONS, nextPartitionStart, partitionName, partitionStart } from './partitions.js';

describe('PartitionMaintainer', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openRiskDataSource(inject('databaseUrl')).initialize();
  });
  afterAll(async () => dataSource.destroy());

  async function partitions(parent: string): Promise<string[]> {
    const rows: Array<{ name: string }> = await dataSource.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass`,
      [`risk.${parent}`],
    );
    return rows.map((row) => row.name);
  }

  it('creates partitions ahead, twice without harm, and expires old IP buckets', async () => {
    const ip = '10.250.250.250';
    const now = new Date();
    await dataSource.query(
      `INSERT INTO risk.ip_event_counts (ip, grain, bucket, events) VALUES ($1, 'h', $2, 5), ($1, 'h', $3, 7), ($1, 'm', $4, 1), ($1, 'm', $3, 2)
       ON CONFLICT DO NOTHING`,
      [ip, new Date(now.getTime() - 9 * 86_400_000), new Date(now.getTime() - 60_000), new Date(now.getTime() - 3 * 3_600_000)],
    );
    const maintainer = new PartitionMaintainer(dataSource, { eventRetentionDays: 8 }, createLogger({ app: 'risk-test', level: 'silent' }));
    await maintainer.maintain();
    await maintainer.maintain();

    const decisions = await partitions('decisions');
    let month = partitionStart(now, 'month');
    for (let index = 0; index <= 2; index++, month = nextPartitionStart(month, 'month')) expect(decisions).toContain(partitionName(DECISION_PARTITIONS, month));
    const events = await partitions('velocity_events');
    expect(events).toContain(partitionName(EVENT_PARTITIONS, partitionStart(now, 'week')));
    expect(events).toContain(partitionName(EVENT_PARTITIONS, nextPartitionStart(partitionStart(now, 'week'), 'week')));

    const left: Array<{ grain: string; events: number }> = await dataSource.query(
      'SELECT grain, events FROM risk.ip_event_counts WHERE ip = $1 ORDER BY grain, events',
      [ip],
    );
    expect(left).toEqual([
      { grain: 'h', events: 7 },
      { grain: 'm', events: 2 },
    ]);
  });
});
