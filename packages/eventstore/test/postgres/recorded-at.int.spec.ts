import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresEventStore } from "../../src/index.js";
import { collect, numbered, uniqueCategory } from "../conformance/harness.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let database: TestDatabase;
let admin: pg.Pool;
let store: PostgresEventStore;
let storePool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = new pg.Pool({ connectionString: database.url, max: 2 });
  // A session time zone far from UTC: the store must not read timestamps in it.
  storePool = new pg.Pool({
    connectionString: database.url,
    max: 4,
    options: "-c TimeZone=Asia/Kolkata",
  });
  store = await PostgresEventStore.connect({ pool: storePool });
});
afterAll(async () => {
  await store.close();
  await storePool.end();
  await admin.end();
  await database.drop();
});

/** `recorded_at` of the stream's events as the `pg` driver parses it, through `toISOString`. */
const storedTimestamps = async (streamId: string): Promise<string[]> => {
  const result = await admin.query<{ recorded_at: Date }>(
    "SELECT recorded_at FROM eventstore.events WHERE stream_id = $1 ORDER BY stream_position",
    [streamId],
  );
  return result.rows.map((row) => row.recorded_at.toISOString());
};

describe("recordedAt on PostgreSQL", () => {
  it("reads as the ISO string of the stored instant, in UTC, whatever the session's time zone", async () => {
    const streamId = `${uniqueCategory()}-1`;
    await store.appendToStream(streamId, numbered(3), { expectedVersion: "no_stream" });
    const events = await collect(store.readStream(streamId));
    const expected = await storedTimestamps(streamId);
    expect(events.map((event) => event.metadata.recordedAt)).toEqual(expected);
    for (const event of events) {
      expect(event.metadata.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    const page = await store.readAllPage({ fromPosition: 0, maxCount: 100 });
    const fromAll = page.events.filter((event) => event.streamId === streamId);
    expect(fromAll.map((event) => event.metadata.recordedAt)).toEqual(expected);
    expect(await store.verifyStream(streamId)).toMatchObject({ ok: true });
  });

  it("truncates to milliseconds and pads the year as a JavaScript Date does", async () => {
    const streamId = `${uniqueCategory()}-1`;
    await store.appendToStream(streamId, numbered(3), { expectedVersion: "no_stream" });
    // Times the append function never writes (it truncates to milliseconds), past its trigger.
    const client = await admin.connect();
    try {
      await client.query("BEGIN");
      await client.query("SET LOCAL session_replication_role = replica");
      await client.query(
        `UPDATE eventstore.events SET recorded_at = CASE stream_position
           WHEN 1 THEN timestamptz '2026-03-02 09:00:00.123789+00'
           WHEN 2 THEN timestamptz '0999-12-31 23:59:59.9999+00'
           ELSE timestamptz '2026-03-02 23:30:00+05:30' END
         WHERE stream_id = $1`,
        [streamId],
      );
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    const events = await collect(store.readStream(streamId));
    expect(events.map((event) => event.metadata.recordedAt)).toEqual([
      "2026-03-02T09:00:00.123Z",
      "0999-12-31T23:59:59.999Z",
      "2026-03-02T18:00:00.000Z",
    ]);
    expect(events.map((event) => event.metadata.recordedAt)).toEqual(
      await storedTimestamps(streamId),
    );
  });
});
