/** Latency percentiles of a run, in ms. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * Percentiles (nearest rank) of latencies in ms, rounded to 0.1 ms.
 *
 * @example
 * ```ts
 * summarize([5, 1, 3]); // { count: 3, p50: 3, p95: 5, p99: 5, max: 5 }
 * ```
 */
export const summarize = (latencies: readonly number[]): LatencySummary => {
  const sorted = [...latencies].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    count: sorted.length,
    p50: round(rank(50)),
    p95: round(rank(95)),
    p99: round(rank(99)),
    max: round(sorted.at(-1) ?? 0),
  };
};
