import type { TestProject } from "vitest/node";
import { startTestPostgres } from "../../src/test-kit/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Server-level URL (database `postgres`) of the PostgreSQL the tests use. */
    postgresUrl: string;
  }
}

/** One PostgreSQL per test run; each test file creates its own database (test-database.ts). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startTestPostgres();
  project.provide("postgresUrl", postgres.connectionString);
  return () => postgres.stop();
}
