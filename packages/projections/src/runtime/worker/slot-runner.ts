import type { EventStore } from "@claimstream/eventstore";
import type { Checkpoint, CheckpointFence, SlotRef } from "../checkpoints/checkpoint-store.js";
import type { BatchApplier } from "./batch-applier.js";

/** Where a slot stands. */
export interface SlotProgress extends CheckpointFence {
  readonly eventsApplied: number;
  /** `recordedAt` of the last applied event. */
  readonly lastEventAt: string | undefined;
}

/** What one read-and-apply step did. */
export interface CycleResult {
  readonly applied: number;
  readonly parked: number;
  /** Nothing left to read right now. */
  readonly caughtUp: boolean;
  /**
   * The store's head when the step read it: the highest committed position. Above a caught-up
   * checkpoint, committed events wait for a slower transaction to end (the store's `$all`
   * never skips them); the runtime's wake-up subscription signals when they can be read.
   */
  readonly head: number;
  /** `recordedAt` of the first event left for the next step, when the step saw it. */
  readonly oldestPendingAt: string | undefined;
}

/** What a {@link SlotRunner} needs. */
export interface SlotRunnerDeps {
  readonly store: EventStore;
  readonly applier: BatchApplier;
  readonly batchSize: number;
  readonly eventTypes: readonly string[];
}

/**
 * Reads and applies one checkpoint slot's events, a batch per {@link SlotRunner.cycle}.
 *
 * One `readAllPage` per step: when the page comes back short, its checkpoint moves past the
 * events of types the projection ignores, up to where the store's `$all` is final. One event
 * more than a batch is read, to know whether more wait and since when (the lag).
 */
export class SlotRunner {
  #progress: SlotProgress;

  constructor(
    readonly ref: SlotRef,
    checkpoint: Checkpoint,
    private readonly deps: SlotRunnerDeps,
  ) {
    const { position, version, eventsApplied, lastEventAt } = checkpoint;
    this.#progress = { position, version, eventsApplied, lastEventAt };
  }

  get progress(): SlotProgress {
    return this.#progress;
  }

  /** Reads one batch after the checkpoint and applies it. */
  async cycle(signal: AbortSignal): Promise<CycleResult> {
    const { store, batchSize, eventTypes } = this.deps;
    const from = this.#progress.position;
    const page = await store.readAllPage({
      fromPosition: from,
      maxCount: batchSize + 1,
      filter: { eventTypes },
    });
    const events = page.events.slice(0, batchSize);
    const pending = page.events[batchSize];
    const last = events.at(-1)?.globalPosition ?? from;
    const target = pending === undefined ? page.checkpoint : last;
    const oldestPendingAt = pending?.metadata.recordedAt;
    const head = page.head;
    if (target <= from) return { applied: 0, parked: 0, caughtUp: true, head, oldestPendingAt };
    const outcome = await this.deps.applier.apply(this.ref, this.#progress, events, target, signal);
    this.#progress = {
      position: outcome.position,
      version: this.#progress.version,
      eventsApplied: this.#progress.eventsApplied + outcome.applied,
      lastEventAt: outcome.lastEventAt ?? this.#progress.lastEventAt,
    };
    const caughtUp = pending === undefined && outcome.complete;
    const result = { applied: outcome.applied, parked: outcome.parked, caughtUp };
    return { ...result, head: Math.max(head, last), oldestPendingAt };
  }
}
