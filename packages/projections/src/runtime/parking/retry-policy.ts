/**
 * How often and how patiently to retry: exponential backoff from `initialDelayMs`, doubling,
 * capped at `maxDelayMs`.
 *
 * @example
 * ```ts
 * const poisonRetry: RetryPolicy = { attempts: 5, initialDelayMs: 200, maxDelayMs: 5_000 };
 * ```
 */
export interface RetryPolicy {
  /** Attempts in all, the first included (at least 1). Unused for stall backoff. */
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** A failing event: tried 3 times, 200 ms then 400 ms apart, then parked. */
export const DEFAULT_POISON_RETRY: RetryPolicy = {
  attempts: 3,
  initialDelayMs: 200,
  maxDelayMs: 10_000,
};

/** A stalled worker (database unreachable, migration failing): retried forever, up to 30 s apart. */
export const DEFAULT_STALL_BACKOFF: RetryPolicy = {
  attempts: Number.POSITIVE_INFINITY,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
};

/** The wait before retry number `failures` (1 for the first retry). */
export const backoffDelay = (policy: RetryPolicy, failures: number): number =>
  Math.min(policy.initialDelayMs * 2 ** Math.max(0, failures - 1), policy.maxDelayMs);
