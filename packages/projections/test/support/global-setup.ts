import { startEmbeddedPostgres } from "@claimstream/eventstore";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** One PostgreSQL per test run: `DATABASE_URL` when given, otherwise an embedded one. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL) {
    project.provide("postgresUrl", process.env.DATABASE_URL);
    return async () => undefined;
  }
  const postgres = await startEmbeddedPostgres({ durable: false });
  project.provide("postgresUrl", postgres.connectionString);
  return () => postgres.stop();
}
