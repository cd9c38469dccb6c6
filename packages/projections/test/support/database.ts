import { createScratchDatabase } from "@claimstream/eventstore/test-kit";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { inject } from "vitest";

/** A fresh database for one test file, on the run's server. */
export interface TestDatabase {
  readonly connectionString: string;
  readonly db: Kysely<unknown>;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** Creates a uniquely named database and a kysely instance on it. */
export const createTestDatabase = async (): Promise<TestDatabase> => {
  const scratch = await createScratchDatabase(inject("postgresUrl"), "projections");
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: scratch.url, max: 10 }) }),
  });
  return {
    connectionString: scratch.url,
    db,
    drop: async () => {
      await db.destroy();
      await scratch.drop();
    },
  };
};
