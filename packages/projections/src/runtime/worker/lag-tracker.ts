import { PendingEventCount, type PendingEventCountDeps } from "../rebuild/pending-event-count.js";
import type { CycleResult, SlotProgress } from "./slot-runner.js";

/** What a {@link LagTracker} needs. */
export type LagTrackerDeps = PendingEventCountDeps;

/** Lag of a projection: events still to apply, and how long the oldest of them has waited. */
export interface Lag {
  readonly lagEvents: number | undefined;
  readonly lagMs: number | undefined;
}

/**
 * Follows how far a lease holder's live slot is behind. Caught up means no lag. Behind, the
 * lag runs from the `recordedAt` of the oldest missing event (or, when the cycle did not see
 * it, of the last applied one, which is no later); the missing events are counted only when a
 * status was read since the last count ({@link PendingEventCount}).
 */
export class LagTracker {
  #behindSince: number | undefined;
  readonly #pending: PendingEventCount;
  #tracking = false;

  constructor(deps: LagTrackerDeps) {
    this.#pending = new PendingEventCount(deps);
  }

  /** Takes a live cycle's result into account. */
  async afterCycle(result: CycleResult, progress: SlotProgress): Promise<void> {
    this.#tracking = true;
    if (result.caughtUp) {
      this.#behindSince = undefined;
      this.#pending.caughtUp();
      return;
    }
    const now = Date.now();
    const since = result.oldestPendingAt ?? progress.lastEventAt;
    this.#behindSince = since === undefined ? now : Math.min(Date.parse(since), now);
    await this.#pending.behind(progress.position, result.applied);
  }

  /**
   * The live slot is not applying (failing, or paused while its new version is rebuilt):
   * whatever arrives now waits, so lag runs from here at the latest.
   */
  stalled(): void {
    this.#tracking = true;
    this.#behindSince ??= Date.now();
    this.#pending.forget();
  }

  /** The worker lost (or never had) the lease: lag is the holder's to report. */
  reset(): void {
    this.#tracking = false;
    this.#behindSince = undefined;
    this.#pending.forget();
  }

  /** The lag now; reading it asks for a fresh count of the missing events if they are behind. */
  snapshot(): Lag {
    if (!this.#tracking) return { lagEvents: undefined, lagMs: undefined };
    const lagMs = this.#behindSince === undefined ? 0 : Math.max(0, Date.now() - this.#behindSince);
    return { lagEvents: this.#pending.ask(), lagMs };
  }
}
