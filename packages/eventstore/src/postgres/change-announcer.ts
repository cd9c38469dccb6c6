import type pg from "pg";
import { EVENTS_CHANNEL } from "./schema.js";

/**
 * Tells listeners (this process's and others') that appends committed: `NOTIFY
 * eventstore_events`, sent after the append's commit in a transaction of its own.
 *
 * Why not inside the append: PostgreSQL serialises the commits of transactions that notify
 * (a global lock held through the commit's WAL flush), so concurrent writers lost group commit:
 * 8 writers of single-event appends committed at a third of the rate. A notify-only
 * transaction writes no WAL and holds that lock for microseconds.
 *
 * At most one notification is in flight; appends that commit meanwhile share the next one,
 * which is sent after they committed. A notification that fails (or a process that dies right
 * after committing) costs subscribers at most their polling interval.
 */
export class ChangeAnnouncer {
  #inFlight: Promise<void> | undefined;
  #again = false;

  constructor(private readonly pool: pg.Pool) {}

  /** Some appends committed: notify (now, or right after the notification in flight). */
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
      await this.pool.query(`NOTIFY ${EVENTS_CHANNEL}`).catch(() => undefined);
    } while (this.#again);
    this.#inFlight = undefined;
  }

  /** Resolves once no notification is in flight (before the pool closes). */
  async drain(): Promise<void> {
    await this.#inFlight;
  }
}
