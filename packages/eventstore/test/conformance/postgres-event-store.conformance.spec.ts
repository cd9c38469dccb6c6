import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { type EventData, PostgresEventStore } from "../../src/index.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { describeEventStoreConformance } from "./event-store-conformance.js";

let database: TestDatabase;
let admin: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = new pg.Pool({ connectionString: database.url, max: 2 });
});
afterAll(async () => {
  await admin.end();
  await database.drop();
});

describeEventStoreConformance({
  name: "postgres",
  createStore: (options) =>
    PostgresEventStore.connect({ connectionString: database.url, pollIntervalMs: 200, ...options }),
  tamper: async (streamId, position, data) => {
    const client = await admin.connect();
    try {
      // The append-only trigger stops ordinary updates; an attacker with superuser rights
      // bypasses it like this, and only the hash chain notices.
      await client.query("BEGIN");
      await client.query("SET LOCAL session_replication_role = replica");
      await client.query(
        "UPDATE eventstore.events SET data = $3 WHERE stream_id = $1 AND stream_position = $2",
        [streamId, position, data],
      );
      await client.query("COMMIT");
    } finally {
      client.release();
    }
  },
  storedData: async (streamId, position) => {
    const result = await admin.query<{ data: EventData }>(
      "SELECT data FROM eventstore.events WHERE stream_id = $1 AND stream_position = $2",
      [streamId, position],
    );
    return result.rows[0]?.data ?? {};
  },
  uniqueEventIdsAcrossStreams: true,
  forgetsReachOtherStores: true,
});
