import { randomBytes } from "node:crypto";
import pg from "pg";
import { type ResolvedDatabase, resolveDatabase } from "../postgres/resolve-database.js";

/** A throw-away database on a test server. */
export interface ScratchDatabase {
  /** Connection string of the new database. */
  readonly url: string;
  /** Drops the database (connections still open are terminated). */
  drop(): Promise<void>;
}

const onServer = async (serverUrl: string, sql: string): Promise<void> => {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/**
 * The PostgreSQL a test run uses: `DATABASE_URL` when set, otherwise an embedded server with
 * fsync off (fast, not crash-safe: for tests only). Start it once per run (a vitest
 * `globalSetup`) and give each test file its own {@link createScratchDatabase}.
 *
 * @example
 * ```ts
 * export default async function setup(project: TestProject) {
 *   const postgres = await startTestPostgres();
 *   project.provide("postgresUrl", postgres.connectionString);
 *   return () => postgres.stop();
 * }
 * ```
 */
export const startTestPostgres = (): Promise<ResolvedDatabase> =>
  resolveDatabase({ embedded: { durable: false } });

/**
 * Creates a uniquely named database on the server at `serverUrl` (whose user needs
 * `CREATEDB`), named `<prefix>_<random>`.
 *
 * @example
 * ```ts
 * const database = await createScratchDatabase(inject("postgresUrl"), "api");
 * const store = await PostgresEventStore.connect({ connectionString: database.url });
 * // …
 * await database.drop();
 * ```
 */
export const createScratchDatabase = async (
  serverUrl: string,
  prefix: string,
): Promise<ScratchDatabase> => {
  if (!/^[a-z][a-z0-9_]{0,30}$/.test(prefix)) throw new Error(`Bad database prefix: ${prefix}`);
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
};
