import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresEventStore } from "../../src/index.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe("a store whose idle connections the server drops", () => {
  it("survives the pool's error event and reconnects on the next call", async () => {
    const store = await PostgresEventStore.connect({
      connectionString: database.url,
      listen: false,
    });
    const crashes: unknown[] = [];
    const onUncaught = (error: unknown) => crashes.push(error);
    process.on("uncaughtException", onUncaught);
    try {
      await store.appendToStream("claim-1", [{ type: "Noted", data: {} }], {
        expectedVersion: "no_stream",
      });
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      const killed = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
      );
      await admin.end();
      expect(killed.rowCount).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await store.appendToStream("claim-1", [{ type: "Noted", data: {} }], { expectedVersion: 1 });
      expect(await store.streamVersion("claim-1")).toBe(2);
      expect(crashes).toEqual([]);
    } finally {
      process.off("uncaughtException", onUncaught);
      await store.close();
    }
  });
});
