import { startTestPostgres } from "@claimstream/eventstore/test-kit";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Server-level URL (database `postgres`) of the PostgreSQL the e2e tests use. */
    postgresUrl: string;
  }
}

/** One PostgreSQL per test run; each e2e file creates its own database (see database.ts). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startTestPostgres();
  project.provide("postgresUrl", postgres.connectionString);
  return () => postgres.stop();
}
