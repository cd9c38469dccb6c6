import { startEmbeddedPostgres } from "@claimstream/eventstore";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Server-level URL (database `postgres`) of the PostgreSQL the e2e tests use. */
    postgresUrl: string;
  }
}

/**
 * One PostgreSQL per test run: `DATABASE_URL` when set, otherwise an embedded server with
 * fsync off. Each e2e file creates its own database (see database.ts). Unit tests do not
 * touch it; the server starts once, in a second or two.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL) {
    project.provide("postgresUrl", process.env.DATABASE_URL);
    return async () => undefined;
  }
  const postgres = await startEmbeddedPostgres({ durable: false });
  project.provide("postgresUrl", postgres.connectionString);
  return () => postgres.stop();
}
