/** Latency summary in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarise(latenciesMs: number[]): LatencySummary {
  if (latenciesMs.length === 0) return { count: 0, p50: NaN, p90: NaN, p95: NaN, p99: NaN, max: NaN };
  const sorted = Float64Array.from(latenciesMs).sort();
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { count: sorted.length, p50: at(0.5), p90: at(0.9), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1]! };
}

export const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;
