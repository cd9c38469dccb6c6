import type pg from "pg";
import { EVENTS_CHANNEL } from "./schema.js";

/** How long a notification waits for more appends to share it. */
export const DEFAULT_COALESCE_MS = 5;

/**
 * Tells listeners (this process's and others') that appends committed: `NOTIFY
 * eventstore_events`, sent after the append's commit in a transaction of its own.
 *
 * Why not inside the append: PostgreSQL serialises the commits of transactions that notify
 * (a global lock held through the commit's WAL flush), so concurrent writers lost group commit:
 * 8 writers of single-event appends committed at a third of the rate. A notify-only
 * transaction writes no WAL and holds that lock for microseconds.
 *
 * At most one notification is in flight, and each waits `coalesceMs` (default 5 ms) before it
 * goes: appends that commit meanwhile share it, so a steady stream of appends costs at most a
 * notification per `coalesceMs`, not one per append (each is a round trip and a server
 * transaction competing with the appends themselves). A notification that fails (or a process
 * that dies right after committing) costs subscribers at most their polling interval.
 */
export class ChangeAnnouncer {
  #inFlight: Promise<void> | undefined;
  #again = false;
  #sendNow: (() => void) | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly coalesceMs = DEFAULT_COALESCE_MS,
  ) {}

  /** Some appends committed: notify (soon, or right after the notification in flight). */
  announce(): void {
    if (this.#inFlight !== undefined) {
      this.#again = true;
      return;
    }
    this.#inFlight = this.#send();
  }

  async #send(): Promise<void> {
    do {
      this.#again = false;
      await this.#gather();
      await this.pool.query(`NOTIFY ${EVENTS_CHANNEL}`).catch(() => undefined);
    } while (this.#again);
    this.#inFlight = undefined;
  }

  // Waits `coalesceMs`, or less when drained.
  #gather(): Promise<void> {
    if (this.coalesceMs <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#sendNow = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.coalesceMs);
      this.#sendNow = done;
    });
  }

  /** Sends what is pending at once and resolves once nothing is in flight (before the pool closes). */
  async drain(): Promise<void> {
    this.#sendNow?.();
    await this.#inFlight;
  }
}
