import { createScratchDatabase, type ScratchDatabase } from "@claimstream/eventstore/test-kit";
import pg from "pg";
import { inject } from "vitest";

/** A fresh database on the run's PostgreSQL, for one test file. */
export const createReliabilityDatabase = (): Promise<ScratchDatabase> =>
  createScratchDatabase(inject("postgresUrl"), "rel");

/**
 * Runs one SQL statement on `url` in a connection of its own, as the superuser the test server
 * runs as, and returns its rows.
 *
 * @example
 * ```ts
 * const [row] = await sqlRows<{ n: string }>(database.url, "SELECT count(*) AS n FROM eventstore.events");
 * ```
 */
export const sqlRows = async <Row>(
  url: string,
  text: string,
  values: readonly unknown[] = [],
): Promise<Row[]> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, [...values])).rows as Row[];
  } finally {
    await client.end();
  }
};

const counters = new Map<string, pg.Pool>();

/** How many events the store at `url` holds (one small pool per URL, kept for the file). */
export const eventCount = async (url: string): Promise<number> => {
  let pool = counters.get(url);
  if (pool === undefined) {
    pool = new pg.Pool({ connectionString: url, max: 1, idleTimeoutMillis: 1000 });
    pool.on("error", () => undefined);
    counters.set(url, pool);
  }
  const result = await pool.query<{ n: string }>("SELECT count(*) AS n FROM eventstore.events");
  return Number(result.rows[0]?.n ?? 0);
};
