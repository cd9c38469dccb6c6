import { inject } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "../../src/test-kit/index.js";

/** A fresh database for one test file, on the run's server. */
export type TestDatabase = ScratchDatabase;

/** Creates a uniquely named database on the run's PostgreSQL (embedded or `DATABASE_URL`). */
export const createTestDatabase = (): Promise<TestDatabase> =>
  createScratchDatabase(inject("postgresUrl"), "eventstore_test");
