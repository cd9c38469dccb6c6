import type pg from "pg";
import type { Logger } from "pino";

/**
 * A lease held as a PostgreSQL session advisory lock (`pg_try_advisory_lock(hashtextextended(
 * key, 0))`) on one dedicated connection, as the projection runtime holds its leases: only one
 * process holds it; when that process dies or its connection drops, PostgreSQL releases the lock
 * and another process takes it on its next try.
 *
 * @example
 * ```ts
 * const lease = new AdvisoryLease(pool, "claimstream.webhooks", logger);
 * if (await lease.tryAcquire()) await dispatchDueWebhooks();
 * await lease.release();
 * ```
 */
export class AdvisoryLease {
  #client: pg.PoolClient | undefined;
  #onError: ((error: Error) => void) | undefined;

  constructor(
    private readonly pool: pg.Pool,
    readonly key: string,
    private readonly logger: Logger,
  ) {}

  /** Does this process hold the lease (as far as it last checked)? */
  get held(): boolean {
    return this.#client !== undefined;
  }

  /**
   * Takes the lease when free, or checks the session still lives when already held; `false`
   * when another process holds it or the connection failed.
   */
  async tryAcquire(): Promise<boolean> {
    if (this.#client !== undefined) return this.#check(this.#client);
    const client = await this.pool.connect();
    // A checked-out client's error must have a listener (or it crashes the process); it is
    // removed again when the client goes back to the pool.
    const onError = (error: Error) => this.#drop(client, error);
    client.on("error", onError);
    try {
      const result = await client.query<{ acquired: boolean }>(
        "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS acquired",
        [this.key],
      );
      if (result.rows[0]?.acquired === true) {
        this.#client = client;
        this.#onError = onError;
        this.logger.info({ lease: this.key }, "lease taken");
        return true;
      }
      client.removeListener("error", onError);
      client.release();
    } catch (error) {
      client.removeListener("error", onError);
      client.release(error as Error);
    }
    return false;
  }

  /** Gives the lease back (closing the session releases the lock whatever happens). */
  async release(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    if (client === undefined) return;
    this.#detach(client);
    try {
      await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [this.key]);
      client.release();
    } catch (error) {
      client.release(error as Error);
    }
  }

  async #check(client: pg.PoolClient): Promise<boolean> {
    try {
      await client.query("SELECT 1");
      return this.#client === client;
    } catch (error) {
      this.#drop(client, error);
      return false;
    }
  }

  #detach(client: pg.PoolClient): void {
    if (this.#onError !== undefined) client.removeListener("error", this.#onError);
    this.#onError = undefined;
  }

  #drop(client: pg.PoolClient, error: unknown): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    this.#detach(client);
    // The broken client is destroyed; a late error from it must not crash the process.
    client.on("error", () => undefined);
    this.logger.warn({ lease: this.key, err: error }, "lease lost with its connection");
    client.release(error instanceof Error ? error : new Error(String(error)));
  }
}
