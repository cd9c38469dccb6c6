import {
  DEFAULT_POISON_RETRY,
  DEFAULT_STALL_BACKOFF,
  type RetryPolicy,
} from "./parking/retry-policy.js";
import type { AnyProjection } from "./projection.js";
import type { ProjectionLogger } from "./projection-logger.js";

/** How a runtime paces itself. Every field has a default. */
export interface RuntimeTuning {
  /** Events per transaction of a projection applied event by event (default 200). */
  readonly batchSize?: number;
  /**
   * Events per transaction of a projection with a set-based `handleBatch` (default 2000): its
   * statements per batch hardly grow with the batch, so catching up (a rebuild) takes big
   * batches. A caught-up worker's batches hold only what arrived since its last one anyway.
   */
  readonly setBatchSize?: number;
  /**
   * Longest wait of a caught-up worker between reads when no change notification arrives,
   * and between checks for control requests (default 1000 ms).
   */
  readonly pollIntervalMs?: number;
  /**
   * How long a caught-up worker woken by new events waits before reading them (default 10 ms;
   * 0 reads at once). Events that arrive together then share one batch transaction instead of
   * one each: under a steady write load each event costs a fraction of a transaction, at the
   * price of at most this much more lag.
   */
  readonly lingerMs?: number;
  /** How often a standby worker tries to take a lease over (default 2000 ms). */
  readonly leasePollMs?: number;
  /** How often the lease connection is checked (default 10 000 ms). */
  readonly leaseHeartbeatMs?: number;
  /** Retries of a failing event before it is parked (default 3 attempts, 200 ms backoff). */
  readonly poisonRetry?: Partial<RetryPolicy>;
  /** Backoff of a stalled worker (default 500 ms doubling to 30 s). */
  readonly stallBackoff?: Partial<RetryPolicy>;
  /**
   * Shortest time between two counts of the events a lagging slot misses (default 5000 ms).
   * A count runs only when a status was read since the previous one (see `lagEvents`).
   */
  readonly lagRefreshMs?: number;
  /** Most events counted for `lagEvents` (default 10 000). */
  readonly lagCountLimit?: number;
}

/** {@link RuntimeTuning} with the defaults filled in, plus the logger. */
export interface RuntimeSettings {
  readonly batchSize: number;
  readonly setBatchSize: number;
  readonly pollIntervalMs: number;
  readonly lingerMs: number;
  readonly leasePollMs: number;
  readonly leaseHeartbeatMs: number;
  readonly poisonRetry: RetryPolicy;
  readonly stallBackoff: RetryPolicy;
  readonly lagRefreshMs: number;
  readonly lagCountLimit: number;
  readonly logger: ProjectionLogger;
}

const positive = (name: string, value: number): number => {
  if (!(value > 0)) throw new RangeError(`${name} must be positive, got ${value}`);
  return value;
};

const notNegative = (name: string, value: number): number => {
  if (!(value >= 0)) throw new RangeError(`${name} must be 0 or more, got ${value}`);
  return value;
};

/** Fills in the defaults and checks the values. */
export const resolveRuntimeSettings = (
  tuning: RuntimeTuning,
  logger: ProjectionLogger,
): RuntimeSettings => ({
  batchSize: positive("batchSize", tuning.batchSize ?? 200),
  setBatchSize: positive("setBatchSize", tuning.setBatchSize ?? 2000),
  pollIntervalMs: positive("pollIntervalMs", tuning.pollIntervalMs ?? 1000),
  lingerMs: notNegative("lingerMs", tuning.lingerMs ?? 10),
  leasePollMs: positive("leasePollMs", tuning.leasePollMs ?? 2000),
  leaseHeartbeatMs: positive("leaseHeartbeatMs", tuning.leaseHeartbeatMs ?? 10_000),
  poisonRetry: { ...DEFAULT_POISON_RETRY, ...tuning.poisonRetry },
  stallBackoff: { ...DEFAULT_STALL_BACKOFF, ...tuning.stallBackoff },
  lagRefreshMs: positive("lagRefreshMs", tuning.lagRefreshMs ?? 5000),
  lagCountLimit: positive("lagCountLimit", tuning.lagCountLimit ?? 10_000),
  logger,
});

/** The batch size for `projection`: bigger when it applies batches set-based. */
export const batchSizeFor = (projection: AnyProjection, settings: RuntimeSettings): number =>
  projection.handleBatch === undefined ? settings.batchSize : settings.setBatchSize;
