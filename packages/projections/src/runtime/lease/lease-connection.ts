import type pg from "pg";
import { errorFields, type ProjectionLogger } from "../projection-logger.js";

/** The channel control requests (rebuild, replay) are announced on; the payload is the projection. */
export const CONTROL_CHANNEL = "claimstream_projections";

/** The text whose `hashtextextended` is the projection's advisory-lock key. */
export const leaseKey = (name: string): string => `claimstream.projection:${name}`;

/** What the lease connection reports. */
export interface LeaseListener {
  /** A control request was announced for `projection`. */
  onControl(projection: string): void;
  /** The connection broke: every lease it held is gone. */
  onLost(): void;
}

/** Settings of a {@link LeaseConnection}. */
export interface LeaseSettings {
  /** How often the connection is checked, so a silently dead one is noticed. */
  readonly heartbeatMs: number;
  readonly logger: ProjectionLogger;
}

const ignore = (): void => undefined;

/**
 * One dedicated session holding the runtime's projection leases: session advisory locks
 * (`pg_try_advisory_lock`), so when the process dies its connection closes and PostgreSQL
 * releases them, letting a standby worker take over. The same session `LISTEN`s for control
 * requests. Its queries (leases of several projections, releases, the heartbeat) run one after
 * the other: pg deprecates overlapping queries on one client (removed in pg 9).
 */
export class LeaseConnection {
  #client: pg.PoolClient | undefined;
  #connecting: Promise<pg.PoolClient> | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #closed = false;
  readonly #held = new Set<string>();
  // The tail of the session's query queue.
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pool: pg.Pool,
    private readonly listener: LeaseListener,
    private readonly settings: LeaseSettings,
  ) {}

  /** Does this runtime hold the projection's lease? */
  holds(name: string): boolean {
    return this.#held.has(name);
  }

  /** Takes the lease when free; `false` when another session holds it. */
  async tryAcquire(name: string): Promise<boolean> {
    if (this.#held.has(name)) return true;
    const client = await this.#connect();
    const result = await this.#query<{ acquired: boolean }>(
      client,
      "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS acquired",
      [leaseKey(name)],
    );
    if (result.rows[0]?.acquired !== true || client !== this.#client) return false;
    this.#held.add(name);
    return true;
  }

  /** Gives the lease back (a no-op when not held). */
  async release(name: string): Promise<void> {
    const client = this.#client;
    if (!this.#held.delete(name) || client === undefined) return;
    await this.#query(client, "SELECT pg_advisory_unlock(hashtextextended($1, 0))", [
      leaseKey(name),
    ]).catch((error: unknown) => this.#drop(client, error));
  }

  /** Closes the session, which releases every lease at once. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#heartbeat);
    await this.#connecting?.catch(ignore);
    const client = this.#client;
    this.#client = undefined;
    this.#held.clear();
    if (client !== undefined) this.#detach(client);
  }

  #connect(): Promise<pg.PoolClient> {
    if (this.#client !== undefined) return Promise.resolve(this.#client);
    this.#connecting ??= this.#open().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #open(): Promise<pg.PoolClient> {
    if (this.#closed) throw new Error("The lease connection is closed");
    const client = await this.pool.connect();
    client.on("error", (error) => this.#drop(client, error));
    client.on("end", () => this.#drop(client, new Error("connection ended")));
    client.on("notification", (message) => this.listener.onControl(message.payload ?? ""));
    try {
      await this.#query(client, `LISTEN ${CONTROL_CHANNEL}`);
    } catch (error) {
      this.#detach(client);
      throw error;
    }
    this.#client = client;
    this.#startHeartbeat();
    return client;
  }

  #startHeartbeat(): void {
    clearInterval(this.#heartbeat);
    this.#heartbeat = setInterval(() => {
      const client = this.#client;
      if (client === undefined) return;
      const timeout = new Promise<never>((_, reject) => {
        setTimeout(
          () => reject(new Error("heartbeat timed out")),
          this.settings.heartbeatMs,
        ).unref();
      });
      Promise.race([this.#query(client, "SELECT 1"), timeout]).catch((error: unknown) =>
        this.#drop(client, error),
      );
    }, this.settings.heartbeatMs);
    this.#heartbeat.unref();
  }

  /** Runs `text` on the session once every query queued before it has finished. */
  #query<Row extends pg.QueryResultRow>(
    client: pg.PoolClient,
    text: string,
    values?: readonly unknown[],
  ): Promise<pg.QueryResult<Row>> {
    const run = this.#queue.then(() => client.query<Row>(text, values as unknown[] | undefined));
    this.#queue = run.catch(ignore);
    return run;
  }

  #drop(client: pg.PoolClient, reason: unknown): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    const lost = [...this.#held];
    this.#held.clear();
    clearInterval(this.#heartbeat);
    this.#detach(client);
    if (this.#closed) return;
    this.settings.logger.warn({ ...errorFields(reason), lost }, "projection lease connection lost");
    this.listener.onLost();
  }

  #detach(client: pg.PoolClient): void {
    client.removeAllListeners("notification");
    client.removeAllListeners("end");
    client.removeAllListeners("error");
    // A destroyed connection may still report its socket's end: keep that from crashing.
    client.on("error", ignore);
    client.release(true);
  }
}
