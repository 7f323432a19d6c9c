import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDataSource, dataSourceSettingsFrom, runMigrations, startEmbeddedPostgres } from '#libs/db';
import { sampleFeatures } from '../apps/risk/src/assessment/features/sample-features.js';
import type { DecisionFilter } from '../apps/risk/src/decisions/decision-record.js';
import { DecisionPostgresRepository } from '../apps/risk/src/infrastructure/persistence/decision.postgres-repository.js';
import { createPartitionSql, DECISION_PARTITIONS } from '../apps/risk/src/infrastructure/persistence/partitions.js';
import { riskDataSource } from '../apps/risk/src/infrastructure/persistence/risk.data-source.js';
import { DEFAULT_RULESET } from '../apps/risk/src/rules/default-ruleset.js';
import { uuidV7 } from '../apps/risk/src/shared/uuid-v7.js';
import { ensureDatabase } from '../scripts/stack/database.js';
import { freePorts } from '../scripts/stack/ports.js';
import { copyFromStdin, copyText } from './support/copy-in.js';
import { round, summarise } from './support/stats.js';

const DAY = 86_400_000;
const RANGE_DAYS = 30;
const COLUMNS = [
  'id',
  'occurred_at',
  'event_type',
  'subject_id',
  'requested_by',
  'device_id',
  'device_id_kind',
  'device_confidence',
  'fingerprint_version',
  'hard_id_changed',
  'ip',
  'score',
  'decision',
  'reasons',
  'hit_rules',
  'ruleset_version',
  'rule_outcomes',
  'features',
  'signals',
  'sensitive_snapshot_enc',
];

interface Population {
  subjects: number;
  devices: number;
  now: number;
}

const EVENTS = ['LOGIN', 'LOGIN', 'PAYMENT', 'PAYMENT', 'KYC', 'BIND_CARD', 'WITHDRAW', 'REGISTER'];
const IPS = ['120.24.78.68', '223.5.5.5', '1.2.4.8', '114.114.114.114', '183.60.92.11', '117.136.12.79', '36.110.174.5', '10.12.0.5'];
const RULE_IDS = DEFAULT_RULESET.rules.map((rule) => rule.id);
const REASONS = new Map(DEFAULT_RULESET.rules.map((rule) => [rule.id, { code: rule.reasonCode, description: rule.description }]));

/** Realistic rows: stored features as the live path writes them (about 1.4 KB of JSON), an encrypted-size snapshot, a few hit rules. */
function rowPools(): { features: string[]; snapshots: string[] } {
  const features = Array.from({ length: 256 }, (_, index) => {
    const f = sampleFeatures(index % 7 === 0 ? 'high' : 'low');
    for (const counts of Object.values(f.velocity))
      for (const window of Object.keys(counts) as Array<keyof typeof counts>) counts[window] = (index * 7 + window.length) % 13;
    f.device.age_hours = index * 3.5;
    return copyText(JSON.stringify(f));
  });
  const snapshots = Array.from({ length: 64 }, () => `\\\\x${randomBytes(190).toString('hex')}`);
  return { features, snapshots };
}

function hitsFor(decision: string, index: number): string[] {
  if (decision === 'DENY') return ['device_hooked', RULE_IDS[index % RULE_IDS.length]!];
  if (decision === 'REVIEW') return [['device_emulator', 'shared_device_1h', 'card_testing'][index % 3]!];
  return index % 5 === 0 ? [RULE_IDS[index % RULE_IDS.length]!] : [];
}

async function* rows(count: number, population: Population): AsyncGenerator<string> {
  const { features, snapshots } = rowPools();
  const outcomes = 'N'.repeat(RULE_IDS.length);
  const chunk: string[] = [];
  for (let index = 0; index < count; index++) {
    const at = new Date(population.now - Math.random() * RANGE_DAYS * DAY);
    const roll = Math.random();
    const decision = roll < 0.02 ? 'DENY' : roll < 0.08 ? 'REVIEW' : 'ALLOW';
    const score = decision === 'DENY' ? 80 + (index % 21) : decision === 'REVIEW' ? 40 + (index % 40) : index % 40;
    const hits = hitsFor(decision, index);
    const reasons = copyText(JSON.stringify(hits.map((id) => REASONS.get(id))));
    const signals = `{"platform": "android", "model": "23049RAD8C", "app_version": "8.2.1", "network_type": "5g", "risky_app_count": ${index % 3}}`;
    chunk.push(
      [
        uuidV7(at),
        at.toISOString(),
        EVENTS[index % EVENTS.length],
        `subject-${Math.floor(Math.random() * population.subjects)}`,
        'merchant',
        `dv_${Math.floor(Math.random() * population.devices)
          .toString(32)
          .padStart(24, 'a')}`,
        'hard',
        '1',
        'fp1',
        'f',
        IPS[index % IPS.length],
        String(score),
        decision,
        reasons,
        `{${hits.join(',')}}`,
        '1',
        outcomes,
        features[index % features.length],
        signals,
        snapshots[index % snapshots.length],
      ].join('\t'),
    );
    if (chunk.length === 2000) {
      yield chunk.join('\n') + '\n';
      chunk.length = 0;
    }
  }
  if (chunk.length) yield chunk.join('\n') + '\n';
}

interface QueryCase {
  name: string;
  filter: (population: Population) => DecisionFilter;
}

const HOUR = 3_600_000;
const CASES: QueryCase[] = [
  { name: 'by subject', filter: (p) => ({ subjectId: `subject-${Math.floor(Math.random() * p.subjects)}` }) },
  {
    name: 'by device',
    filter: (p) => ({
      deviceId: `dv_${Math.floor(Math.random() * p.devices)
        .toString(32)
        .padStart(24, 'a')}`,
    }),
  },
  {
    name: 'by outcome, 24 h range',
    filter: (p) => {
      const from = p.now - Math.random() * (RANGE_DAYS - 1) * DAY - DAY;
      return { outcome: Math.random() < 0.5 ? 'DENY' : 'REVIEW', from: new Date(from), to: new Date(from + DAY) };
    },
  },
  {
    name: 'by outcome, 7 d range',
    filter: (p) => {
      const from = p.now - Math.random() * (RANGE_DAYS - 7) * DAY - 7 * DAY;
      return { outcome: 'DENY', from: new Date(from), to: new Date(from + 7 * DAY) };
    },
  },
  {
    name: 'by outcome, 1 h range',
    filter: (p) => {
      const from = p.now - Math.random() * (RANGE_DAYS * DAY - HOUR) - HOUR;
      return { outcome: 'REVIEW', from: new Date(from), to: new Date(from + HOUR) };
    },
  },
  { name: 'by subject + outcome', filter: (p) => ({ subjectId: `subject-${Math.floor(Math.random() * p.subjects)}`, outcome: 'ALLOW' }) },
  {
    name: 'by rule, 24 h range',
    filter: (p) => {
      const from = p.now - Math.random() * (RANGE_DAYS - 1) * DAY - DAY;
      return { rule: 'card_testing', from: new Date(from), to: new Date(from + DAY) };
    },
  },
  { name: 'min score, newest', filter: () => ({ minScore: 90 }) },
];

export interface QueryBenchOptions {
  /** Admin URL of a PostgreSQL server; a fresh database is created on it. */
  serverUrl: string;
  rows: number;
  samples?: number;
  /** Parallel COPY streams (default 2). */
  copyConnections?: number;
  log: (line: string) => void;
}

/**
 * Seeds `rows` decisions with COPY (not row-by-row inserts) into the real,
 * migrated risk schema, then times the analyst queries through the real
 * repository adapter (the SQL the service runs), 50 rows per page.
 */
export async function runDecisionQueryBench(options: QueryBenchOptions): Promise<void> {
  const { log } = options;
  const samples = options.samples ?? 300;
  const database = `kyc_bench_queries_${Date.now()}`;
  await ensureDatabase(options.serverUrl, database);
  const url = options.serverUrl.replace(/\/[^/?]*(\?|$)/, `/${database}$1`);
  const dataSource = createDataSource(
    dataSourceSettingsFrom({ DATABASE_URL: url, DB_POOL_SIZE: 2, DB_CONNECT_TIMEOUT_MS: 5000, DB_STATEMENT_TIMEOUT_MS: 600_000 }, riskDataSource),
  );
  await runMigrations(dataSource, 'risk');
  await dataSource.initialize();
  const population: Population = {
    subjects: Math.max(1000, Math.round(options.rows / 10)),
    devices: Math.max(1000, Math.round(options.rows / 8)),
    now: Date.now(),
  };
  for (let day = 0; day <= RANGE_DAYS + 31; day += 28) await dataSource.query(createPartitionSql(DECISION_PARTITIONS, new Date(population.now - day * DAY)));

  log(
    `\n4. Analyst queries over ${options.rows.toLocaleString('en')} decisions (${RANGE_DAYS} days, ${population.subjects.toLocaleString('en')} subjects, ${population.devices.toLocaleString('en')} devices)`,
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const streams = Math.max(1, options.copyConnections ?? 2);
  // Bulk load as an operator would: the migration's own index definitions are saved, dropped,
  // and rebuilt after the COPY, so the queries run on exactly the production indexes.
  const indexes = await client.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = 'risk' AND tablename = 'decisions' AND indexname NOT LIKE '%pkey'`,
  );
  for (const index of indexes.rows) await client.query(`DROP INDEX risk.${index.name}`);
  const seedStart = performance.now();
  // One COPY per connection: a single backend parsing JSON is the bottleneck, not the generator.
  const copied = (
    await Promise.all(
      Array.from({ length: streams }, async (_, index) => {
        const connection = new pg.Client({ connectionString: url });
        await connection.connect();
        try {
          const share = Math.floor(options.rows / streams) + (index < options.rows % streams ? 1 : 0);
          return await copyFromStdin(connection, `COPY risk.decisions (${COLUMNS.join(', ')}) FROM STDIN (FORMAT text)`, rows(share, population));
        } finally {
          await connection.end();
        }
      }),
    )
  ).reduce((sum, count) => sum + count, 0);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  log(
    `  seeded ${copied.toLocaleString('en')} rows with COPY over ${streams} connections in ${round(seedSeconds, 0)} s (${Math.round(copied / seedSeconds).toLocaleString('en')} rows/s, primary key maintained)`,
  );
  const indexStart = performance.now();
  await client.query("SET maintenance_work_mem = '512MB'");
  // pg_indexes shows a partitioned index as `ON ONLY parent`; rebuilding it must cover the partitions too.
  for (const index of indexes.rows) await client.query(index.definition.replace(' ON ONLY ', ' ON '));
  log(
    `  rebuilt ${indexes.rows.length} indexes (${indexes.rows.map((index) => index.name).join(', ')}) in ${round((performance.now() - indexStart) / 1000, 0)} s`,
  );
  const vacuumStart = performance.now();
  await client.query('VACUUM (ANALYZE) risk.decisions');
  log(`  VACUUM ANALYZE in ${round((performance.now() - vacuumStart) / 1000, 0)} s`);
  const size = await client.query<{ table: string; indexes: string }>(
    `SELECT pg_size_pretty(sum(pg_table_size(c.oid))) AS table, pg_size_pretty(sum(pg_indexes_size(c.oid))) AS indexes
     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'risk.decisions'::regclass`,
  );
  log(`  size: table ${size.rows[0]!.table}, indexes ${size.rows[0]!.indexes}`);
  await client.end();

  const repository = new DecisionPostgresRepository(dataSource);
  log(`  ${'query (50 per page)'.padEnd(26)}      p50       p95       p99   rows/page`);
  for (const queryCase of CASES) {
    const latencies: number[] = [];
    let returned = 0;
    for (let index = 0; index < samples + 20; index++) {
      const filter = queryCase.filter(population);
      const started = performance.now();
      const page = await repository.list(filter, 50);
      if (index >= 20) {
        latencies.push(performance.now() - started);
        returned += page.length;
      }
    }
    const summary = summarise(latencies);
    log(
      `  ${queryCase.name.padEnd(26)} ${String(round(summary.p50, 2)).padStart(6)} ms ${String(round(summary.p95, 2)).padStart(6)} ms ${String(round(summary.p99, 2)).padStart(6)} ms   ${round(returned / samples, 1)}`,
    );
  }
  await dataSource.destroy();
  const admin = new pg.Client({ connectionString: options.serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE ${database}`);
  await admin.end();
}

/** `node dist/bench/decision-queries.js [--rows N]`: this benchmark alone, on a durable embedded PostgreSQL or DATABASE_URL's server. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '10000000' },
      samples: { type: 'string', default: '300' },
      'copy-connections': { type: 'string', default: '2' },
    },
  });
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  const run = async (): Promise<void> => {
    let serverUrl = process.env['DATABASE_URL'];
    let stop = async (): Promise<void> => undefined;
    if (!serverUrl) {
      const { mkdtempSync, chmodSync, rmSync } = await import('node:fs');
      const { join } = await import('node:path');
      const { tmpdir } = await import('node:os');
      const dir = mkdtempSync(join(tmpdir(), 'kyc-bench-q-'));
      chmodSync(dir, 0o755);
      const [port] = await freePorts(1);
      const server = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: port!, password: randomBytes(12).toString('hex'), durable: true });
      serverUrl = server.url();
      stop = async () => {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      };
    }
    try {
      await runDecisionQueryBench({
        serverUrl,
        rows: Number(values.rows),
        samples: Number(values.samples),
        copyConnections: Number(values['copy-connections']),
        log,
      });
    } finally {
      await stop();
    }
  };
  run().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
