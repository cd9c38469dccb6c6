import { sql } from "kysely";
import pg from "pg";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createRuntimeHarness,
  eventually,
  type RuntimeHarness,
} from "../../test/support/runtime-harness.js";
import { streamCountProjection } from "../../test/support/stream-count-projection.mjs";

describe("ProjectionRuntime", () => {
  let harness: RuntimeHarness;
  beforeAll(async () => {
    harness = await createRuntimeHarness();
  });
  afterAll(() => harness.close());

  it("catches up in batches from its checkpoint, then applies new events live", async () => {
    await harness.appendCounted("counter-a", 30);
    await harness.appendCounted("counter-b", 25);
    await harness.store.appendToStream("other-1", [{ type: "Ignored", data: {} }], {
      expectedVersion: "any",
    });
    const runtime = await harness.startRuntime({
      projections: [streamCountProjection({ name: "catch_up" })],
      pollIntervalMs: 30_000,
    });
    await runtime.waitUntilCaughtUp();
    expect(await harness.counts("rm_catch_up")).toEqual(await harness.trueCounts());
    const [status] = runtime.status();
    expect(status).toMatchObject({
      name: "catch_up",
      state: "running",
      leaseHeld: true,
      lagEvents: 0,
      lagMs: 0,
    });
    expect(status?.position).toBe(await harness.store.headPosition());

    // Polling is 30 s: only the store's notification can make this fast.
    const started = Date.now();
    await harness.appendCounted("counter-c", 3);
    await eventually(
      async () => (await harness.counts("rm_catch_up")).get("counter-c") === 3,
      5000,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    await runtime.stop();
    expect(runtime.status()[0]?.state).toBe("stopped");
  });

  it("applies events a slower transaction held back soon after it ends, though its end notifies nothing", async () => {
    const runtime = await harness.startRuntime({
      projections: [streamCountProjection({ name: "held_back" })],
      pollIntervalMs: 30_000,
    });
    await runtime.waitUntilCaughtUp();
    // A transaction with an id older than the appends below, which appends nothing: the
    // events it holds back are final only once it ends, and its end sends no notification.
    const slow = new pg.Client({ connectionString: harness.database.connectionString });
    await slow.connect();
    await slow.query("BEGIN");
    await slow.query("SELECT pg_current_xact_id()");
    try {
      await harness.appendCounted("counter-held", 2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await harness.counts("rm_held_back")).get("counter-held")).toBeUndefined();
    } finally {
      await slow.query("COMMIT");
      await slow.end();
    }
    const ended = Date.now();
    await eventually(
      async () => (await harness.counts("rm_held_back")).get("counter-held") === 2,
      5000,
    );
    // Well under the 30 s poll interval: the wake-up subscription kept re-reading meanwhile.
    expect(Date.now() - ended).toBeLessThan(2000);
  });

  it("lingers after a wake-up so that events arriving together share one batch", async () => {
    const base = streamCountProjection({ name: "lingering" });
    const batches: number[] = [];
    const runtime = await harness.startRuntime({
      projections: [
        {
          ...base,
          handleBatch: async (events, ctx) => {
            batches.push(events.length);
            for (const event of events) await base.handle(event, ctx);
          },
        },
      ],
      pollIntervalMs: 30_000,
      lingerMs: 400,
    });
    await runtime.waitUntilCaughtUp();
    const before = batches.length;
    await harness.appendCounted("counter-linger", 5);
    await eventually(
      async () => (await harness.counts("rm_lingering")).get("counter-linger") === 5,
      5000,
    );
    expect(batches.slice(before)).toEqual([5]);
  });

  it("counts the events it misses while catching up once its status is read, and reports 0 only when caught up", async () => {
    await harness.appendCounted("counter-lag", 80);
    const head = await harness.store.headPosition();
    const runtime = await harness.startRuntime({
      projections: [streamCountProjection({ name: "lagging", delayMs: 2 })],
      batchSize: 5,
    });
    const seen: { lagEvents: number | undefined; position: number }[] = [];
    await eventually(
      () => {
        const [status] = runtime.status();
        seen.push({ lagEvents: status?.lagEvents, position: status?.position ?? 0 });
        return status?.lagEvents === 0;
      },
      20_000,
      "lagEvents 0",
    );
    expect(seen.some((sample) => (sample.lagEvents ?? 0) > 0)).toBe(true);
    for (const sample of seen.filter((one) => one.lagEvents === 0)) {
      expect(sample.position).toBeGreaterThanOrEqual(head);
    }
    expect(await harness.counts("rm_lagging")).toEqual(await harness.trueCounts());
  });

  it("commits read-model writes and the checkpoint together: a reader never sees one without the other", async () => {
    const runtime = await harness.startRuntime({
      projections: [streamCountProjection({ name: "atomic", delayMs: 1 })],
      batchSize: 7,
    });
    const writer = harness.appendCounted("counter-atomic", 60);
    const positions = new Set<number>();
    for (let look = 0; look < 40; look += 1) {
      // One snapshot: the checkpoint, the projection's rows, and the events it should hold.
      const snapshot = await harness.db
        .transaction()
        .setIsolationLevel("repeatable read")
        .execute(async (tx) => {
          const result = await sql<{ position: string; applied: string; expected: string }>`
            SELECT c.position::text,
              (SELECT count(*) FROM rm_atomic.applied_events)::text AS applied,
              (SELECT count(*) FROM eventstore.events e
                WHERE e.type = 'Counted' AND e.global_position <= c.position)::text AS expected
            FROM projections.checkpoints c WHERE c.name = 'atomic' AND c.slot = 'live'`.execute(tx);
          return result.rows[0];
        });
      positions.add(Number(snapshot?.position));
      expect(snapshot?.applied).toBe(snapshot?.expected);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await writer;
    await runtime.waitUntilCaughtUp();
    expect(positions.size).toBeGreaterThan(2);
    const expected = (await harness.trueCounts()).get("counter-atomic");
    expect((await harness.counts("rm_atomic")).get("counter-atomic")).toBe(expected);
  });

  it("exports position, lag, parked count and state as Prometheus gauges", async () => {
    const registry = new Registry();
    const runtime = await harness.startRuntime({
      projections: [streamCountProjection({ name: "metered" })],
      registry,
    });
    await runtime.waitUntilCaughtUp();
    await eventually(() => runtime.status()[0]?.state === "running");
    const text = await registry.metrics();
    const head = await harness.store.headPosition();
    expect(text).toContain(`claimstream_projection_position{projection="metered"} ${head}`);
    expect(text).toContain(`claimstream_projection_lag_events{projection="metered"} 0`);
    expect(text).toContain(`claimstream_projection_lag_seconds{projection="metered"} 0`);
    expect(text).toContain(`claimstream_projection_parked_events{projection="metered"} 0`);
    expect(text).toContain(`claimstream_projection_state{projection="metered",state="running"} 1`);
    expect(text).toContain(`claimstream_projection_state{projection="metered",state="stalled"} 0`);
  });
});
