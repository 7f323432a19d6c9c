import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { summarise, type LatencySummary } from './stats.js';

/** One request: resolves when answered; a rejection counts as an error. */
export type Call = (index: number) => Promise<unknown>;

export interface ClosedLoopResult {
  throughput: number;
  latency: LatencySummary;
  errors: number;
  firstError?: string;
}

/**
 * Maximum throughput: `concurrency` workers each send a request as soon as
 * their previous one is answered, for `durationMs` after a warm-up.
 */
export async function closedLoop(call: Call, options: { concurrency: number; durationMs: number; warmupMs: number }): Promise<ClosedLoopResult> {
  let index = 0;
  let measuring = false;
  // An object, not a local: the workers' loops read it after awaits, the runner flips it.
  const state = { stop: false };
  let done = 0;
  let errors = 0;
  let firstError: string | undefined;
  const latencies: number[] = [];
  const worker = async (): Promise<void> => {
    while (!state.stop) {
      const started = performance.now();
      try {
        await call(index++);
        if (measuring) {
          latencies.push(performance.now() - started);
          done++;
        }
      } catch (error) {
        if (measuring) errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  const workers = Array.from({ length: options.concurrency }, () => worker());
  await sleep(options.warmupMs);
  measuring = true;
  const start = performance.now();
  await sleep(options.durationMs);
  measuring = false;
  const elapsed = performance.now() - start;
  state.stop = true;
  await Promise.all(workers);
  return { throughput: (done / elapsed) * 1000, latency: summarise(latencies), errors, firstError };
}

export interface OpenLoopResult {
  rate: number;
  achieved: number;
  latency: LatencySummary;
  errors: number;
  /** Requests never sent because too many were outstanding (the server fell behind). */
  shed: number;
  firstError?: string;
}

/**
 * A fixed arrival rate, independent of how fast answers come back. Latency
 * is measured from each request's scheduled time, so a stalled server shows
 * up as latency instead of silently lowering the rate (no coordinated omission).
 */
export async function openLoop(call: Call, options: { rate: number; durationMs: number; warmupMs: number; maxOutstanding?: number }): Promise<OpenLoopResult> {
  const maxOutstanding = options.maxOutstanding ?? 5000;
  const interval = 1000 / options.rate;
  const total = Math.round(((options.durationMs + options.warmupMs) / 1000) * options.rate);
  const warmupCount = Math.round((options.warmupMs / 1000) * options.rate);
  const latencies: number[] = [];
  let outstanding = 0;
  let errors = 0;
  let shed = 0;
  let firstError: string | undefined;
  const pending: Array<Promise<void>> = [];
  const start = performance.now() + 5;
  let next = 0;
  while (next < total) {
    const now = performance.now();
    while (next < total && start + next * interval <= now) {
      const scheduled = start + next * interval;
      const measured = next >= warmupCount;
      const index = next++;
      if (outstanding >= maxOutstanding) {
        if (measured) shed++;
        continue;
      }
      outstanding++;
      const tracked = async (): Promise<void> => {
        try {
          await call(index);
          if (measured) latencies.push(performance.now() - scheduled);
        } catch (error) {
          if (measured) errors++;
          firstError ??= error instanceof Error ? error.message : String(error);
        } finally {
          outstanding--;
        }
      };
      pending.push(tracked());
    }
    // Timers tick about every millisecond: everything due is sent on each tick, and a spin
    // loop would steal the CPU the servers under test need (latency still counts from the schedule).
    await sleep(Math.max(1, start + next * interval - performance.now()));
  }
  await Promise.all(pending);
  const measuredCount = total - warmupCount;
  return {
    rate: options.rate,
    achieved: ((measuredCount - shed - errors) / options.durationMs) * 1000,
    latency: summarise(latencies),
    errors,
    shed,
    firstError,
  };
}
