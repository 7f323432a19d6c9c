import { setTimeout as sleep } from 'node:timers/promises';

export interface LoadResult<T> {
  startedAt: number;
  finishedAt: number;
  status: number;
  /** What the system acknowledged (an id), when it did. */
  acknowledged?: T;
  /** The `code` of a problem+json answer, or the name of the error the request threw. */
  code?: string;
  /** The answer's content type, when it had one. */
  contentType?: string;
}

export interface LoadRun<T> {
  results: LoadResult<T>[];
  stop(): Promise<LoadResult<T>[]>;
}

/**
 * Fires `request` at a steady rate (open loop: a slow answer does not slow
 * the next request down) until stopped. Every call is recorded with its
 * timing, status and what was acknowledged.
 */
export function steadyLoad<T>(perSecond: number, request: (sequence: number) => Promise<Omit<LoadResult<T>, 'startedAt' | 'finishedAt'>>): LoadRun<T> {
  const results: LoadResult<T>[] = [];
  const inFlight = new Set<Promise<void>>();
  const state = { running: true };
  const loop = (async () => {
    for (let sequence = 0; state.running; sequence++) {
      const startedAt = Date.now();
      const record = async (): Promise<void> => {
        const result = await request(sequence).catch((error: unknown): Omit<LoadResult<T>, 'startedAt' | 'finishedAt'> => ({
          status: 0,
          code: (error as Error).name,
        }));
        const code = (result as { body?: { code?: unknown } }).body?.code;
        results.push({
          status: result.status,
          ...(result.acknowledged ? { acknowledged: result.acknowledged } : {}),
          ...(typeof code === 'string' ? { code } : result.code ? { code: result.code } : {}),
          ...(result.contentType ? { contentType: result.contentType } : {}),
          startedAt,
          finishedAt: Date.now(),
        });
      };
      const call = record();
      inFlight.add(call);
      void call.finally(() => inFlight.delete(call));
      await sleep(1000 / perSecond);
    }
  })();
  return {
    results,
    async stop() {
      state.running = false;
      await loop;
      await Promise.all(inFlight);
      return results;
    },
  };
}

/** Per-second counts of each status, for a readable timeline in the report. */
export function timeline<T>(results: LoadResult<T>[]): string {
  if (results.length === 0) return '';
  const start = Math.min(...results.map((result) => result.startedAt));
  const buckets = new Map<number, Record<string, number>>();
  for (const result of results) {
    const second = Math.floor((result.startedAt - start) / 1000);
    const bucket = buckets.get(second) ?? {};
    bucket[result.status] = (bucket[result.status] ?? 0) + 1;
    buckets.set(second, bucket);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(
      ([second, counts]) =>
        `t+${second}s ${Object.entries(counts)
          .map(([status, count]) => `${status}×${count}`)
          .join(' ')}`,
    )
    .join('\n');
}
