import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresEventStore } from "../../src/index.js";
import { appendPreparedEvents } from "../../src/postgres/postgres-append.js";
import { prepareEvents } from "../../src/prepare-events.js";
import { collect, numbered, receive, sleep, uniqueCategory } from "../conformance/harness.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let database: TestDatabase;
let pool: pg.Pool;
let store: PostgresEventStore;

beforeAll(async () => {
  database = await createTestDatabase();
  store = await PostgresEventStore.connect({
    connectionString: database.url,
    consistencyTimeoutMs: 200,
  });
  pool = new pg.Pool({ connectionString: database.url, max: 3 });
});
afterAll(async () => {
  await store.close();
  await pool.end();
  await database.drop();
});

/** Appends inside a transaction the caller keeps open, like a slow concurrent writer. */
const openTransactionAppending = async (streamId: string, category: string) => {
  const client = await pool.connect();
  await client.query("BEGIN");
  const prepared = await prepareEvents(streamId, numbered(1, "Slow"), undefined);
  const result = await appendPreparedEvents(client, streamId, category, "any", prepared);
  const end = async (how: "COMMIT" | "ROLLBACK") => {
    await client.query(how);
    client.release();
  };
  return { position: result.globalPositions[0] as number, end };
};

/** A slow transaction's append held open, then a later append committed past it. */
const slowThenFast = async (category: string) => {
  const start = await store.headPosition();
  const slow = await openTransactionAppending(`${category}-slow`, category);
  const fast = await store.appendToStream(`${category}-fast`, numbered(1, "Fast"), {
    expectedVersion: "any",
  });
  return { start, slow, fastPosition: fast.globalPositions[0] as number };
};

describe("gap-safe global order (ADR 0001)", () => {
  it("a $all subscription waits for a slower transaction's earlier event instead of skipping it", async () => {
    const category = uniqueCategory();
    const { start, slow, fastPosition } = await slowThenFast(category);
    expect(fastPosition).toBeGreaterThan(slow.position);

    const live = receive(
      store.subscribeToAll({ fromPosition: start, filter: { categories: [category] } }),
      2,
    );
    await sleep(300);
    expect(live.received).toEqual([]);
    const early = await collect(
      store.readAll({ fromPosition: start, filter: { categories: [category] } }),
    );
    expect(early).toEqual([]);

    await slow.end("COMMIT");
    const delivered = await live.done;
    expect(delivered.map((event) => event.type)).toEqual(["Slow", "Fast"]);
    expect(delivered.map((event) => event.globalPosition)).toEqual([slow.position, fastPosition]);
  });

  it("a $all page stops its checkpoint below a slower transaction's event, then delivers it", async () => {
    const category = uniqueCategory();
    const { start, slow, fastPosition } = await slowThenFast(category);
    const filter = { categories: [category] };

    const held = await store.readAllPage({ fromPosition: start, maxCount: 10, filter });
    expect(held.events).toEqual([]);
    expect(held.checkpoint).toBeLessThan(slow.position);
    expect(held.head).toBeGreaterThanOrEqual(fastPosition);

    await slow.end("COMMIT");
    const page = await store.readAllPage({ fromPosition: held.checkpoint, maxCount: 10, filter });
    expect(page.events.map((event) => event.type)).toEqual(["Slow", "Fast"]);
    expect(page.checkpoint).toBeGreaterThanOrEqual(fastPosition);
  });

  it("a rolled-back transaction holds nothing back once it ends", async () => {
    const category = uniqueCategory();
    const start = await store.headPosition();
    const abandoned = await openTransactionAppending(`${category}-gone`, category);
    await store.appendToStream(`${category}-kept`, numbered(1, "Kept"), { expectedVersion: "any" });
    const live = receive(
      store.subscribeToAll({ fromPosition: start, filter: { categories: [category] } }),
      1,
    );
    await abandoned.end("ROLLBACK");
    expect((await live.done).map((event) => event.type)).toEqual(["Kept"]);
  });
});

describe("PostgreSQL specifics", () => {
  it("appends a batch of 1000 events in one round trip, then notifies listeners", async () => {
    const shared = new pg.Pool({ connectionString: database.url, max: 2 });
    const counted = await PostgresEventStore.connect({ pool: shared, migrate: false });
    const queries: unknown[] = [];
    const query = shared.query.bind(shared);
    shared.query = ((...args: Parameters<typeof query>) => {
      queries.push(args[0]);
      return query(...args);
    }) as typeof shared.query;
    await counted.appendToStream(`${uniqueCategory()}-1`, numbered(1000), {
      expectedVersion: "no_stream",
    });
    await counted.close();
    // The notification is its own statement after the commit (see ChangeAnnouncer).
    expect(queries).toHaveLength(2);
    expect(queries[1]).toBe("NOTIFY eventstore_events");
    await shared.end();
  });

  it("LISTEN/NOTIFY wakes a subscription long before its poll interval", async () => {
    const listening = await PostgresEventStore.connect({
      connectionString: database.url,
      pollIntervalMs: 60_000,
    });
    const streamId = `${uniqueCategory()}-1`;
    const live = receive(listening.subscribeToStream(streamId), 1, 5_000);
    await sleep(200);
    await store.appendToStream(streamId, numbered(1), { expectedVersion: "no_stream" });
    expect(await live.done).toHaveLength(1);
    await listening.close();
  });

  it("without LISTEN, polling still delivers live events", async () => {
    const polling = await PostgresEventStore.connect({
      connectionString: database.url,
      listen: false,
      pollIntervalMs: 50,
    });
    const streamId = `${uniqueCategory()}-1`;
    const live = receive(polling.subscribeToStream(streamId), 1, 5_000);
    await sleep(100);
    await store.appendToStream(streamId, numbered(1), { expectedVersion: "no_stream" });
    expect(await live.done).toHaveLength(1);
    await polling.close();
  });

  it("refuses ordinary updates and deletes of stored events", async () => {
    const streamId = `${uniqueCategory()}-1`;
    await store.appendToStream(streamId, numbered(1), { expectedVersion: "no_stream" });
    await expect(
      pool.query("UPDATE eventstore.events SET type = 'Forged' WHERE stream_id = $1", [streamId]),
    ).rejects.toMatchObject({ code: "ES403" });
    await expect(
      pool.query("DELETE FROM eventstore.events WHERE stream_id = $1", [streamId]),
    ).rejects.toMatchObject({
      code: "ES403",
    });
  });

  it("verifyStream reports events deleted behind the store's back", async () => {
    const category = uniqueCategory();
    await store.appendToStream(`${category}-tail`, numbered(3), { expectedVersion: "no_stream" });
    await store.appendToStream(`${category}-middle`, numbered(3), { expectedVersion: "no_stream" });
    const client = await pool.connect();
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    await client.query(
      `DELETE FROM eventstore.events WHERE (stream_id, stream_position) IN (($1, 3), ($2, 2))`,
      [`${category}-tail`, `${category}-middle`],
    );
    await client.query("COMMIT");
    client.release();
    expect(await store.verifyStream(`${category}-tail`)).toMatchObject({
      ok: false,
      position: 3,
      reason: "head_mismatch",
    });
    expect(await store.verifyStream(`${category}-middle`)).toMatchObject({
      ok: false,
      position: 2,
      reason: "position_gap",
    });
  });
});
