/** How deliveries are retried. */
export interface RetrySettings {
  /** Attempts per event before it becomes a dead letter. */
  readonly maxAttempts: number;
  /** Wait after the first failure; doubles after each further one. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
}

/** What follows a failed attempt: a retry after a delay, or the dead letters. */
export type AfterFailure =
  | { readonly kind: "retry"; readonly delayMs: number }
  | { readonly kind: "dead_letter" };

/**
 * Exponential backoff: after failed attempt `n` (1-based) wait `backoffMs × 2^(n−1)`, capped
 * at `maxBackoffMs`; once `maxAttempts` attempts failed, give up (dead letter). Deterministic,
 * so the delivery log and tests can predict it; one dispatcher sends, so retries of many
 * subscriptions do not stampede in lockstep on a shared receiver more than their events do.
 *
 * @example
 * ```ts
 * afterFailure(3, { maxAttempts: 8, backoffMs: 1000, maxBackoffMs: 300_000 });
 * // { kind: "retry", delayMs: 4000 }
 * ```
 */
export const afterFailure = (attempt: number, settings: RetrySettings): AfterFailure =>
  attempt >= settings.maxAttempts
    ? { kind: "dead_letter" }
    : {
        kind: "retry",
        delayMs: Math.min(settings.backoffMs * 2 ** (attempt - 1), settings.maxBackoffMs),
      };
