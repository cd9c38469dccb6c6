import type { RecordedEvent } from "@claimstream/eventstore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createRuntimeHarness,
  type RuntimeHarness,
} from "../../../test/support/runtime-harness.js";
import { streamCountProjection } from "../../../test/support/stream-count-projection.mjs";
import type { Projection } from "../projection.js";

const isPoison = (event: RecordedEvent): boolean => event.data.poison === true;

/**
 * The stream-count projection with a set-based handler that records its calls; it refuses a
 * batch holding a poison event, as `handle` refuses the event.
 */
const setBased = (name: string) => {
  const batches: number[] = [];
  const single: RecordedEvent[] = [];
  const base = streamCountProjection({ name, failWhen: isPoison });
  const projection: Projection<unknown> = {
    ...base,
    handle: async (event, ctx) => {
      single.push(event);
      await base.handle(event, ctx as never);
    },
    handleBatch: async (events, ctx) => {
      batches.push(events.length);
      if (events.some(isPoison)) throw new Error("refusing a batch with poison");
      for (const event of events) await base.handle(event, ctx as never);
    },
  };
  return { projection, batches, single };
};

describe("set-based batches", () => {
  let harness: RuntimeHarness;
  beforeAll(async () => {
    harness = await createRuntimeHarness();
  });
  afterAll(() => harness.close());

  it("applies a projection with handleBatch one call per batch, in batches of setBatchSize", async () => {
    await harness.appendCounted("set-a", 30);
    const { projection, batches, single } = setBased("set_based");
    const runtime = await harness.startRuntime({
      projections: [projection],
      batchSize: 5,
      setBatchSize: 12,
    });
    await runtime.waitUntilCaughtUp();
    expect(batches.slice(0, 3)).toEqual([12, 12, 6]);
    expect(single).toEqual([]);
    expect(await harness.counts("rm_set_based")).toEqual(await harness.trueCounts());
  });

  it("re-runs a failing batch event by event through handle, and parks only the poison event", async () => {
    await harness.appendCounted("set-b", 4);
    await harness.appendCounted("set-b", 1, { poison: true });
    await harness.appendCounted("set-b", 4);
    const { projection, batches, single } = setBased("set_poisoned");
    const runtime = await harness.startRuntime({ projections: [projection], setBatchSize: 1000 });
    await runtime.waitUntilCaughtUp();

    const parked = await runtime.listParked("set_poisoned");
    expect(parked.map((event) => event.streamId)).toEqual(["set-b"]);
    expect(parked[0]?.streamPosition).toBe(5);
    // The whole batch failed, then the one-by-one pass went through `handle` up to the poison
    // event, which was retried (as a batch of one) and parked; the rest came in one batch.
    expect(batches[0]).toBeGreaterThan(5);
    expect(single.at(-1)?.data).toEqual({ poison: true });
    expect(batches).toContain(1);
    const counts = await harness.counts("rm_set_poisoned");
    expect(counts.get("set-b")).toBe(8);
    const truth = await harness.trueCounts();
    truth.set("set-b", 8);
    expect(counts).toEqual(truth);
  });
});
