import type { EventStore } from "@claimstream/eventstore";
import { countPendingEvents } from "../worker/event-feed.js";

/** What a {@link PendingEventCount} needs. */
export interface PendingEventCountDeps {
  readonly store: EventStore;
  readonly eventTypes: readonly string[];
  readonly lagRefreshMs: number;
  readonly lagCountLimit: number;
}

/**
 * How many events a slot still has to apply, counted only when someone looks.
 *
 * Counting reads (and the store decodes) up to `lagCountLimit` events through `readAll`, which
 * cost a catching-up worker about a seventh of its time when done on every refresh. So a count
 * runs only once the figure was asked for ({@link PendingEventCount.ask}, i.e. a status was
 * read) since the last count, and at most every `lagRefreshMs`; in between, the last count
 * minus the events applied since is the estimate (never below 1 while behind). A slot that
 * falls behind after being caught up reports `undefined` (unknown) until the next count.
 *
 * @example
 * ```ts
 * const pending = new PendingEventCount({ store, eventTypes, lagRefreshMs: 5000, lagCountLimit: 10_000 });
 * pending.caughtUp(); // pending.ask() === 0
 * await pending.behind(position, applied); // counts only if someone asked since the last count
 * ```
 */
export class PendingEventCount {
  #value: number | undefined;
  #countedAt = 0;
  #asked = false;

  constructor(private readonly deps: PendingEventCountDeps) {}

  /** The figure as last counted or estimated; asking lets the next step behind recount it. */
  ask(): number | undefined {
    this.#asked = true;
    return this.#value;
  }

  /** The figure without asking (for logs). */
  get value(): number | undefined {
    return this.#value;
  }

  /** Nothing is pending. */
  caughtUp(): void {
    this.#value = 0;
  }

  /** Nothing is known (the slot is not applying, or someone else applies it). */
  forget(): void {
    this.#value = undefined;
  }

  /** A step left the slot behind at `position`, having applied `applied` events. */
  async behind(position: number, applied: number): Promise<void> {
    const now = Date.now();
    const last = this.#value;
    const counted = last !== undefined && last > 0;
    if (counted && now - this.#countedAt < this.deps.lagRefreshMs) {
      this.#value = Math.max(1, last - applied);
      return;
    }
    if (this.#asked) {
      const { store, eventTypes, lagCountLimit } = this.deps;
      this.#value = await countPendingEvents(store, position, eventTypes, lagCountLimit);
      this.#countedAt = now;
      this.#asked = false;
      return;
    }
    this.#value = counted ? Math.max(1, last - applied) : undefined;
  }
}
