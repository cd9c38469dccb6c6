import { createScratchDatabase, type ScratchDatabase } from "@claimstream/eventstore/test-kit";
import { inject } from "vitest";

/** A fresh database for one test file, on the run's server. */
export type TestDatabase = ScratchDatabase;

/** Creates a uniquely named database on the run's PostgreSQL (embedded or `DATABASE_URL`). */
export const createTestDatabase = (): Promise<TestDatabase> =>
  createScratchDatabase(inject("postgresUrl"), "api");
