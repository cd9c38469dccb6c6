import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

/** A fresh database for one test file, on the run's server. */
export interface TestDatabase {
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

/** Creates a uniquely named database on the run's PostgreSQL (embedded or `DATABASE_URL`). */
export const createTestDatabase = async (): Promise<TestDatabase> => {
  const serverUrl = inject("postgresUrl");
  const name = `api_${randomUUID().replaceAll("-", "").slice(0, 20)}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
};
