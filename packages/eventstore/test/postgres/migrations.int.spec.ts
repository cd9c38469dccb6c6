import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENTSTORE_MIGRATIONS, migrateEventStore, PostgresEventStore } from "../../src/index.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let database: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

describe("migrations", () => {
  it("apply once, even when two processes migrate at the same time", async () => {
    const all = EVENTSTORE_MIGRATIONS.map((migration) => migration.version);
    const [first, second] = await Promise.all([migrateEventStore(pool), migrateEventStore(pool)]);
    expect([...(first ?? []), ...(second ?? [])]).toEqual(all);
    expect(await migrateEventStore(pool)).toEqual([]);
    const tables = await pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'eventstore' ORDER BY 1",
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual([
      "events",
      "schema_migrations",
      "streams",
      "subject_keys",
    ]);
  });
});

describe("restored into a younger cluster", () => {
  it("refuses to append when stored positions are ahead of the transaction counter", async () => {
    const restored = await createTestDatabase();
    const store = await PostgresEventStore.connect({ connectionString: restored.url });
    try {
      const ahead = await pool.query<{ xid: string }>(
        "SELECT (pg_snapshot_xmax(pg_current_snapshot())::text::bigint + 1000000)::text AS xid",
      );
      const xid = ahead.rows[0]?.xid as string;
      const admin = new pg.Client({ connectionString: restored.url });
      await admin.connect();
      await admin.query(
        `INSERT INTO eventstore.events (global_position, transaction_id, stream_id, stream_position,
           category, event_id, type, data, metadata, recorded_at, hash)
         VALUES ($1::bigint * 65536 + 1, $1::text::xid8, 'old-1', 1, 'old', gen_random_uuid(), 'Old',
           '{}', '{"schemaVersion":1}', now(), 'h')`,
        [xid],
      );
      await admin.end();
      await expect(
        store.appendToStream("new-1", [{ type: "New", data: {} }], { expectedVersion: "any" }),
      ).rejects.toMatchObject({ code: "ES500" });
    } finally {
      await store.close();
      await restored.drop();
    }
  });
});
