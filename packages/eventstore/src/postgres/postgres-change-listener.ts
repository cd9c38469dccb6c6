import type pg from "pg";
import type { ChangeNotifier } from "../subscription/change-notifier.js";
import type { ForgetListeners } from "../subscription/forget-listeners.js";
import { EVENTS_CHANNEL, FORGET_CHANNEL } from "./schema.js";

/**
 * Holds one pooled connection on `LISTEN eventstore_events` and `LISTEN eventstore_forget`:
 * turns the first channel's notifications into {@link ChangeNotifier} wake-ups and the
 * second's into forget listeners' calls. When the connection drops, subscriptions fall back to
 * polling while it reconnects with a growing delay; each (re)connection tells the forget
 * listeners that any subject may have been forgotten meanwhile.
 */
export class PostgresChangeListener {
  #client: pg.PoolClient | undefined;
  #starting: Promise<void> | undefined;
  #closed = false;
  #reconnectDelayMs = 100;
  #reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly changes: ChangeNotifier,
    private readonly forgotten: ForgetListeners,
  ) {}

  /** Starts listening (once); resolves even when the first connection fails. */
  start(): Promise<void> {
    if (this.#closed || this.#client !== undefined) return Promise.resolve();
    this.#starting ??= this.#connect().finally(() => {
      this.#starting = undefined;
    });
    return this.#starting;
  }

  readonly #onNotification = (message: pg.Notification): void => {
    if (message.channel === FORGET_CHANNEL) this.forgotten.emit(message.payload || undefined);
    else this.changes.notify();
  };
  readonly #onError = (): void => {
    const client = this.#client;
    if (client === undefined) return;
    this.#client = undefined;
    this.#detach(client, true);
    this.#scheduleReconnect();
  };

  async #connect(): Promise<void> {
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      client.on("notification", this.#onNotification);
      client.on("error", this.#onError);
      await client.query(`LISTEN ${EVENTS_CHANNEL}; LISTEN ${FORGET_CHANNEL}`);
    } catch {
      if (client !== undefined) this.#detach(client, true);
      this.#scheduleReconnect();
      return;
    }
    if (this.#closed) {
      await this.#unlisten(client);
      return;
    }
    this.#client = client;
    this.#reconnectDelayMs = 100;
    // Events may have been committed, and subjects forgotten, while nobody listened.
    this.changes.notify();
    this.forgotten.emit(undefined);
  }

  #detach(client: pg.PoolClient, broken: boolean): void {
    client.off("notification", this.#onNotification);
    client.off("error", this.#onError);
    client.release(broken);
  }

  async #unlisten(client: pg.PoolClient): Promise<void> {
    const failed = await client
      .query(`UNLISTEN ${EVENTS_CHANNEL}; UNLISTEN ${FORGET_CHANNEL}`)
      .then(
        () => false,
        () => true,
      );
    this.#detach(client, failed);
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#reconnectTimer !== undefined) return;
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      void this.start();
    }, this.#reconnectDelayMs);
    this.#reconnectTimer.unref();
    this.#reconnectDelayMs = Math.min(this.#reconnectDelayMs * 2, 10_000);
  }

  /** Stops listening and returns the connection to the pool. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    await this.#starting;
    const client = this.#client;
    this.#client = undefined;
    if (client !== undefined) await this.#unlisten(client);
  }
}
