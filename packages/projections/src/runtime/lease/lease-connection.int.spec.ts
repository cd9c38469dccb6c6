import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database.js";
import { silentProjectionLogger } from "../projection-logger.js";
import { LeaseConnection } from "./lease-connection.js";

describe("the lease connection", () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.connectionString, max: 4 });
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it("runs many projections' lease queries and its heartbeat one at a time on its session", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on("warning", onWarning);
    const lease = new LeaseConnection(
      pool,
      { onControl: () => undefined, onLost: () => warnings.push("lease lost") },
      { heartbeatMs: 100, logger: silentProjectionLogger },
    );
    try {
      const names = Array.from({ length: 24 }, (_, index) => `lease_${index}`);
      const acquired = await Promise.all(names.map((name) => lease.tryAcquire(name)));
      expect(acquired.every(Boolean)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 250));
      await Promise.all(names.slice(0, 12).map((name) => lease.release(name)));
      // The locks really are the session's: another session sees the held ones taken.
      const { rows } = await pool.query<{ free: boolean }>(
        "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS free, pg_advisory_unlock_all()",
        ["claimstream.projection:lease_20"],
      );
      expect(rows[0]?.free).toBe(false);
      expect(names.map((name) => lease.holds(name))).toEqual(names.map((_, i) => i >= 12));
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((message) => /already executing|lease lost/.test(message))).toEqual(
        [],
      );
    } finally {
      process.off("warning", onWarning);
      await lease.close();
    }
  });
});
