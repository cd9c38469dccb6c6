import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

/** A fresh database for one test file, on the run's server. */
export interface TestDatabase {
  readonly url: string;
  /** Drops the database (connections still open are terminated). */
  drop(): Promise<void>;
}

const withAdmin = async (serverUrl: string, sql: string): Promise<void> => {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/**
 * Creates a uniquely named database on the run's PostgreSQL (embedded or `DATABASE_URL`,
 * whose user then needs `CREATEDB`).
 *
 * @example
 * ```ts
 * const database = await createTestDatabase();
 * const store = await PostgresEventStore.connect({ connectionString: database.url });
 * ```
 */
export const createTestDatabase = async (): Promise<TestDatabase> => {
  const serverUrl = inject("postgresUrl");
  const name = `eventstore_test_${randomBytes(6).toString("hex")}`;
  await withAdmin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
};
