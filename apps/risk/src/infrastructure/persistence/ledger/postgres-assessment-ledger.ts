import type { OnApplicationShutdown } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { isDatabaseUnavailable } from '#libs/db';
import type { Logger } from '#libs/observability';
import { AssessmentLedger, type AssessmentWork, type NewDecision } from '../../../assessment/assessment-ledger.js';
import type { DeviceResolution, KnownKey } from '../../../assessment/device/resolve-device.js';
import type { ObservedHistory } from '../../../assessment/features/observed-history.js';
import { beginWithLocksSql, lockKey } from './advisory-locks.js';
import { INSERT_SQL, insertParameters } from './decision-insert.js';
import { HISTORY_SQL, historyParameters, toObservedHistory, type HistoryRow } from './history-query.js';

export interface LedgerOptions {
  maxBatchSize: number;
  concurrency: number;
  scanLimit: number;
}

interface Pending {
  work: AssessmentWork;
  resolve(decision: NewDecision): void;
  reject(error: unknown): void;
  /** Set after a batch failed for a reason other than the database: retried alone to find the culprit. */
  solo: boolean;
}

interface Chosen {
  pending: Pending;
  device: DeviceResolution;
}

/**
 * Each device is read through its primary key by a correlated subquery, never
 * joined: with statistics that lag a growing table, the planner hashed the
 * whole devices table for a few dozen keys (3 ms per batch at 30,000 devices).
 */
const KNOWN_KEYS_SQL = `SELECT k.key_hash, k.device_id, (SELECT d.first_seen_at FROM risk.devices d WHERE d.device_id = k.device_id) AS first_seen_at
FROM risk.device_keys k WHERE k.key_hash = ANY($1::text[])`;

/**
 * Named statements: each connection plans them once. Planning the history
 * query (a dozen partitions, four laterals) costs more than running it, and
 * a generic plan loses nothing since partitions are pruned at run time.
 * The key lookup stays unnamed, so it is planned on every call: a plan cached
 * while the key tables were small (a new deployment, a benchmark) reads them
 * by sequential scans and keeps doing so as they grow (17 ms per batch after
 * a minute at full load, against under 1 ms through the primary keys).
 */
const STATEMENTS = {
  knownKeys: { text: KNOWN_KEYS_SQL },
  history: { name: 'risk_history', text: HISTORY_SQL },
  insert: { name: 'risk_insert_batch', text: INSERT_SQL },
} as const;

/**
 * Group commit: assessments that arrive while earlier transactions are in
 * flight are written together, in one transaction of three round trips
 * (pipelined), however many there are. Under light load each one runs alone at once;
 * under heavy load batches grow and the fsync per decision shrinks.
 *
 * Correctness across instances: every transaction takes advisory locks on
 * the devices and accounts it writes before reading their history, so two
 * events on one device, on any instances, are serialised and the second
 * sees the first. Two events on one device inside one batch cannot see each
 * other, so the later one waits for the next batch. IPs are not locked (a
 * carrier NAT would serialise a city): an IP count misses at most events
 * still in flight elsewhere, and events earlier in the same batch are added.
 */
export class PostgresAssessmentLedger extends AssessmentLedger implements OnApplicationShutdown {
  private queue: Pending[] = [];
  private inFlight = 0;
  private pumpScheduled = false;

  constructor(
    private readonly pool: Pool,
    private readonly options: LedgerOptions,
    private readonly logger: Logger,
  ) {
    super();
  }

  /** In-flight batches finish first: the gRPC server drains its calls before shutdown hooks run. */
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }

  record(work: AssessmentWork): Promise<NewDecision> {
    return new Promise((resolve, reject) => {
      this.queue.push({ work, resolve, reject, solo: false });
      this.schedulePump();
    });
  }

  /**
   * Batches start on the next turn of the event loop, not at once: everything
   * that arrives in this turn (a read of many gRPC frames, the callers woken by
   * the last commit) joins the same transaction instead of starting its own.
   */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /**
   * An idle ledger starts at once, whatever is queued (light load: lowest
   * latency). While transactions are in flight another one starts only for a
   * worthwhile batch; smaller queues wait for the next commit and join it, so
   * under load each transaction carries many decisions instead of each
   * decision paying for its own round trips.
   */
  private pump(): void {
    const worthwhile = Math.max(1, Math.ceil(this.options.maxBatchSize / this.options.concurrency));
    while (this.inFlight < this.options.concurrency && this.queue.length > 0) {
      if (this.inFlight > 0 && this.queue.length < worthwhile && !this.queue[0]!.solo) return;
      const batch = this.take();
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.schedulePump();
      });
    }
  }

  private take(): Pending[] {
    if (this.queue[0]!.solo) return this.queue.splice(0, 1);
    let end = 0;
    while (end < this.queue.length && end < this.options.maxBatchSize && !this.queue[end]!.solo) end++;
    return this.queue.splice(0, end);
  }

  private async run(batch: Pending[]): Promise<void> {
    try {
      const { done, deferred } = await this.execute(batch);
      if (deferred.length > 0) this.queue.unshift(...deferred);
      for (const [pending, decision] of done) pending.resolve(decision);
    } catch (error) {
      if (batch.length > 1 && !isDatabaseUnavailable(error)) {
        // One bad item must not fail its neighbours: retry each alone.
        this.logger.warn({ err: error, size: batch.length }, 'Assessment batch failed; retrying its items one by one');
        for (const pending of batch) pending.solo = true;
        this.queue.unshift(...batch);
      } else {
        for (const pending of batch) pending.reject(error);
      }
    }
  }

  private async execute(batch: Pending[]): Promise<{ done: Array<[Pending, NewDecision]>; deferred: Pending[] }> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      const known = await this.knownKeys(client, batch);
      const { chosen, deferred } = this.resolveDevices(batch, known);
      if (chosen.length === 0) return { done: [], deferred };
      const locks = chosen.flatMap(({ pending, device }) => [lockKey(`d:${device.deviceId}`), lockKey(`s:${pending.work.subjectId}`)]);
      // Pipelined: the history query is on the wire with the locks and runs once they are held.
      try {
        const [, histories] = await Promise.all([client.query(beginWithLocksSql(locks)), this.histories(client, chosen)]);
        const decisions = chosen.map(({ pending, device }, index) => pending.work.complete(device, histories[index]!));
        // A failed insert leaves the transaction aborted, and COMMIT then rolls it back.
        await Promise.all([client.query({ ...STATEMENTS.insert, values: insertParameters(decisions) }), client.query('COMMIT')]);
        return { done: chosen.map(({ pending }, index) => [pending, decisions[index]!]), deferred };
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => (broken = rollbackError as Error));
        throw error;
      }
    } catch (error) {
      if (isDatabaseUnavailable(error)) broken = error as Error;
      throw error;
    } finally {
      // A connection that failed mid-transaction is destroyed, not returned to the pool.
      client.release(broken);
    }
  }

  private async knownKeys(client: PoolClient, batch: readonly Pending[]): Promise<Map<string, KnownKey>> {
    const hashes = [...new Set(batch.flatMap((pending) => pending.work.keyHashes))];
    const { rows } = await client.query<{ key_hash: string; device_id: string; first_seen_at: Date }>({ ...STATEMENTS.knownKeys, values: [hashes] });
    return new Map(rows.map((row) => [row.key_hash, { deviceId: row.device_id, firstSeenAt: row.first_seen_at }]));
  }

  /** Resolves every device; an item sharing a device or account with an earlier one in the batch waits for the next batch. */
  private resolveDevices(batch: readonly Pending[], known: ReadonlyMap<string, KnownKey>): { chosen: Chosen[]; deferred: Pending[] } {
    const taken = new Set<string>();
    const chosen: Chosen[] = [];
    const deferred: Pending[] = [];
    for (const pending of batch) {
      let device: DeviceResolution;
      try {
        device = pending.work.resolveDevice(known);
      } catch (error) {
        pending.reject(error);
        continue;
      }
      const keys = [`d:${device.deviceId}`, `s:${pending.work.subjectId}`];
      if (keys.some((key) => taken.has(key))) {
        deferred.push(pending);
        continue;
      }
      for (const key of keys) taken.add(key);
      chosen.push({ pending, device });
    }
    return { chosen, deferred };
  }

  private async histories(client: PoolClient, chosen: readonly Chosen[]): Promise<ObservedHistory[]> {
    const keys = chosen.map(({ pending, device }) => ({
      deviceId: device.deviceId,
      subjectId: pending.work.subjectId,
      ip: pending.work.ip,
      cardBidx: pending.work.cardBidx,
      idNumberBidx: pending.work.idNumberBidx,
      city: pending.work.cityKey,
      at: pending.work.occurredAt,
    }));
    const { rows } = await client.query<HistoryRow>({ ...STATEMENTS.history, values: historyParameters(keys, this.options.scanLimit) });
    const histories = rows.map(toObservedHistory);
    // Same-IP events earlier in this batch are not visible to the query: count them in.
    const seenIps = new Map<string, number>();
    keys.forEach((key, index) => {
      const earlier = seenIps.get(key.ip) ?? 0;
      if (earlier > 0) {
        const events = histories[index]!.ip.events;
        for (const window of Object.keys(events) as Array<keyof typeof events>) events[window] += earlier;
      }
      seenIps.set(key.ip, earlier + 1);
    });
    return histories;
  }
}
