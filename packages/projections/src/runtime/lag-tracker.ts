import type { EventStore } from "@claimstream/eventstore";
import { countPendingEvents } from "./event-feed.js";
import type { CycleResult, SlotProgress } from "./slot-runner.js";

/** What a {@link LagTracker} needs. */
export interface LagTrackerDeps {
  readonly store: EventStore;
  readonly eventTypes: readonly string[];
  readonly lagRefreshMs: number;
  readonly lagCountLimit: number;
}

/** Lag of a projection: events still to apply, and how long the oldest of them has waited. */
export interface Lag {
  readonly lagEvents: number | undefined;
  readonly lagMs: number | undefined;
}

/**
 * Follows how far a lease holder's live slot is behind. Caught up means no lag. Behind, the
 * lag runs from the `recordedAt` of the oldest missing event (or, when the cycle did not see
 * it, of the last applied one, which is no later); the missing events are recounted every
 * `lagRefreshMs` and estimated in between.
 */
export class LagTracker {
  #behindSince: number | undefined;
  #pending: number | undefined;
  #countedAt = 0;
  #tracking = false;

  constructor(private readonly deps: LagTrackerDeps) {}

  /** Takes a live cycle's result into account. */
  async afterCycle(result: CycleResult, progress: SlotProgress): Promise<void> {
    this.#tracking = true;
    if (result.caughtUp) {
      this.#behindSince = undefined;
      this.#pending = 0;
      return;
    }
    const now = Date.now();
    const since = result.oldestPendingAt ?? progress.lastEventAt;
    this.#behindSince = since === undefined ? now : Math.min(Date.parse(since), now);
    if (
      this.#pending !== undefined &&
      this.#pending > 0 &&
      now - this.#countedAt < this.deps.lagRefreshMs
    ) {
      this.#pending = Math.max(1, this.#pending - result.applied);
      return;
    }
    const { store, eventTypes, lagCountLimit } = this.deps;
    this.#pending = await countPendingEvents(store, progress.position, eventTypes, lagCountLimit);
    this.#countedAt = now;
  }

  /**
   * The live slot is not applying (failing, or paused while its new version is rebuilt):
   * whatever arrives now waits, so lag runs from here at the latest.
   */
  stalled(): void {
    this.#tracking = true;
    this.#behindSince ??= Date.now();
    this.#pending = undefined;
  }

  /** The worker lost (or never had) the lease: lag is the holder's to report. */
  reset(): void {
    this.#tracking = false;
    this.#behindSince = undefined;
    this.#pending = undefined;
  }

  snapshot(): Lag {
    if (!this.#tracking) return { lagEvents: undefined, lagMs: undefined };
    const lagMs = this.#behindSince === undefined ? 0 : Math.max(0, Date.now() - this.#behindSince);
    return { lagEvents: this.#pending, lagMs };
  }
}
