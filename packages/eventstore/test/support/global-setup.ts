import type { TestProject } from "vitest/node";
import { resolveDatabase } from "../../src/postgres/resolve-database.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Server-level URL (database `postgres`) of the PostgreSQL the tests use. */
    postgresUrl: string;
  }
}

/**
 * One PostgreSQL per test run: `DATABASE_URL` when set, otherwise an embedded server with
 * fsync off. Each test file then creates its own database (see test-database.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const database = await resolveDatabase({ embedded: { durable: false } });
  project.provide("postgresUrl", database.connectionString);
  return () => database.stop();
}
