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
      "position_offset",
      "schema_migrations",
      "streams",
      "subject_keys",
    ]);
  });
});

// A logical restore into a new cluster brings positions (and transaction ids) from a counter
// this cluster has not reached: simulated by inserting an event a million transactions ahead.
const restoredDatabase = async () => {
  const restored = await createTestDatabase();
  const schemaPool = new pg.Pool({ connectionString: restored.url, max: 1 });
  await migrateEventStore(schemaPool);
  await schemaPool.end();
  const admin = new pg.Client({ connectionString: restored.url });
  await admin.connect();
  try {
    const ahead = await admin.query<{ xid: string }>(
      "SELECT (pg_snapshot_xmax(pg_current_snapshot())::text::bigint + 1000000)::text AS xid",
    );
    const xid = ahead.rows[0]?.xid as string;
    await admin.query(
      `INSERT INTO eventstore.events (global_position, transaction_id, stream_id, stream_position,
         category, event_id, type, data, metadata, recorded_at, hash)
       VALUES ($1::bigint * 65536 + 1, $1::text::xid8, 'old-1', 1, 'old', gen_random_uuid(), 'Old',
         '{}', '{"schemaVersion":1}', now(), 'h')`,
      [xid],
    );
    await admin.query(
      "INSERT INTO eventstore.streams (stream_id, category, version, last_hash) VALUES ('old-1', 'old', 1, 'h')",
    );
    return { restored, position: Number(xid) * 65536 + 1 };
  } finally {
    await admin.end();
  }
};

const allOf = async (store: PostgresEventStore) => {
  const events: { streamId: string; globalPosition: number }[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events.map(({ streamId, globalPosition }) => ({ streamId, globalPosition }));
};

describe("restored into a younger cluster", () => {
  it("shows the restored events and appends above them once migrate has aligned the positions", async () => {
    const { restored, position } = await restoredDatabase();
    const restoredPool = new pg.Pool({ connectionString: restored.url });
    const store = await PostgresEventStore.connect({ pool: restoredPool, migrate: false });
    try {
      await migrateEventStore(restoredPool);
      expect(await allOf(store)).toEqual([{ streamId: "old-1", globalPosition: position }]);
      const appended = await store.appendToStream("new-1", [{ type: "New", data: {} }], {
        expectedVersion: "no_stream",
      });
      expect(appended.globalPositions[0]).toBeGreaterThan(position);
      expect((await allOf(store)).map((event) => event.streamId)).toEqual(["old-1", "new-1"]);
      expect(await store.headPosition()).toBe(appended.globalPositions[0]);
      // Aligning again changes nothing: the offset only grows when positions are ahead.
      const offset = await restoredPool.query(
        "SELECT transactions FROM eventstore.position_offset",
      );
      await migrateEventStore(restoredPool);
      const again = await restoredPool.query("SELECT transactions FROM eventstore.position_offset");
      expect(again.rows).toEqual(offset.rows);
    } finally {
      await store.close();
      await restoredPool.end();
      await restored.drop();
    }
  });

  it("aligns on the first append when nothing migrated, and concurrent appends stay in order", async () => {
    const { restored, position } = await restoredDatabase();
    const store = await PostgresEventStore.connect({
      connectionString: restored.url,
      migrate: false,
    });
    try {
      const appended = await Promise.all(
        Array.from({ length: 24 }, (_, n) =>
          store.appendToStream(`new-${n}`, [{ type: "New", data: {} }], {
            expectedVersion: "no_stream",
          }),
        ),
      );
      for (const result of appended) {
        expect(result.globalPositions[0]).toBeGreaterThan(position);
      }
      const all = await allOf(store);
      expect(all).toHaveLength(25);
      expect(all[0]).toEqual({ streamId: "old-1", globalPosition: position });
    } finally {
      await store.close();
      await restored.drop();
    }
  });
});
