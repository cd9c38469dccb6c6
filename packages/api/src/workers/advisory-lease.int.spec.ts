import pg from "pg";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database.js";
import { AdvisoryLease } from "./advisory-lease.js";

let database: TestDatabase;
let pool: pg.Pool;
const logger = pino({ level: "silent" });

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  pool.on("error", () => undefined);
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

describe("an advisory-lock lease", () => {
  it("is held by one holder at a time and passes on when released", async () => {
    const first = new AdvisoryLease(pool, "test.lease:a", logger);
    const second = new AdvisoryLease(pool, "test.lease:a", logger);
    expect(await first.tryAcquire()).toBe(true);
    expect(await second.tryAcquire()).toBe(false);
    expect(await first.tryAcquire()).toBe(true);
    await first.release();
    expect(await second.tryAcquire()).toBe(true);
    await second.release();
  });

  it("is freed when its session dies: another process takes it, the old holder knows", async () => {
    const holder = new AdvisoryLease(pool, "test.lease:b", logger);
    const standby = new AdvisoryLease(pool, "test.lease:b", logger);
    try {
      expect(await holder.tryAcquire()).toBe(true);
      await pool.query(
        `SELECT pg_terminate_backend(pid, 5000) FROM pg_locks
          WHERE locktype = 'advisory' AND objid = (hashtextextended('test.lease:b', 0) & 4294967295)::oid`,
      );
      expect(await standby.tryAcquire()).toBe(true);
      expect(await holder.tryAcquire()).toBe(false);
      expect(holder.held).toBe(false);
    } finally {
      await holder.release();
      await standby.release();
    }
  });
});
