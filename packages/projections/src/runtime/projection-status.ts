import type { RebuildProgress } from "./rebuild/blue-green-rebuild.js";

/**
 * What a projection's worker is doing:
 * - `standby`: another process holds the projection's lease; this one waits to take over;
 * - `catching_up`: behind by more than a batch, reading as fast as it can;
 * - `running`: caught up, applying new events as they arrive;
 * - `rebuilding`: building fresh tables for a blue/green swap (the live ones keep being
 *   served, and updated unless the projection's version changed);
 * - `stalled`: failing for reasons other than an event (database down, migration failing),
 *   retrying with backoff;
 * - `stopped`: not running (in the CLI's view: no process holds the lease).
 */
export type ProjectionState =
  | "standby"
  | "catching_up"
  | "running"
  | "rebuilding"
  | "stalled"
  | "stopped";

/** Every {@link ProjectionState}, e.g. to label metrics. */
export const PROJECTION_STATES: readonly ProjectionState[] = [
  "standby",
  "catching_up",
  "running",
  "rebuilding",
  "stalled",
  "stopped",
];

/**
 * A projection's status.
 *
 * @example
 * ```ts
 * for (const status of runtime.status()) {
 *   console.log(`${status.name}: ${status.state}, ${status.lagEvents ?? "?"} events behind`);
 * }
 * ```
 */
export interface ProjectionStatus {
  readonly name: string;
  /** The projection's version (the code's, or the stored one when read from the database). */
  readonly version: number;
  readonly state: ProjectionState;
  /** This runtime (for the CLI: some process) holds the projection's lease. */
  readonly leaseHeld: boolean;
  /** The live checkpoint: every event at or below it is applied or parked. */
  readonly position: number;
  /** The store's head when last read. */
  readonly head: number;
  /**
   * Events the live tables still miss: 0 exactly when the worker's last read found nothing
   * more; behind, counted up to the `lagCountLimit` (a count runs only once a status was read
   * since the last one, at most every `lagRefreshMs`) and estimated in between, never 0;
   * `undefined` when unknown (not counted yet since it fell behind, stalled, or a standby
   * worker, which leaves lag to the lease holder).
   */
  readonly lagEvents: number | undefined;
  /** How long the oldest event the live tables miss has been waiting; 0 when caught up. */
  readonly lagMs: number | undefined;
  readonly parked: number;
  /** `recordedAt` of the last applied event. */
  readonly lastEventAt: string | undefined;
  /** The last infrastructure failure while stalled. */
  readonly lastError: string | undefined;
  /** Present while a blue/green rebuild runs. */
  readonly rebuild: RebuildProgress | undefined;
}
