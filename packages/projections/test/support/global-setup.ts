import { startTestPostgres } from "@claimstream/eventstore/test-kit";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** One PostgreSQL per test run: `DATABASE_URL` when given, otherwise an embedded one. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startTestPostgres();
  project.provide("postgresUrl", postgres.connectionString);
  return () => postgres.stop();
}
