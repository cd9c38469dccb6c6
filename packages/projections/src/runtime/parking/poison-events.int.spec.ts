import type { RecordedEvent } from "@claimstream/eventstore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createRuntimeHarness,
  eventually,
  type RuntimeHarness,
} from "../../../test/support/runtime-harness.js";
import { streamCountProjection } from "../../../test/support/stream-count-projection.mjs";

const isPoison = (event: RecordedEvent): boolean => event.data.poison === true;

describe("poison events", () => {
  let harness: RuntimeHarness;
  beforeAll(async () => {
    harness = await createRuntimeHarness();
  });
  afterAll(() => harness.close());

  it("retries a failing event with backoff, parks it with its error and position, and goes on", async () => {
    await harness.appendCounted("poisoned-a", 5);
    await harness.appendCounted("poisoned-a", 1, { poison: true });
    await harness.appendCounted("poisoned-a", 5);
    const attempts: number[] = [];
    const projection = streamCountProjection({
      name: "parking",
      failWhen: isPoison,
      onEvent: (event) => {
        if (isPoison(event)) attempts.push(Date.now());
      },
    });
    const runtime = await harness.startRuntime({
      projections: [projection],
      poisonRetry: { attempts: 3, initialDelayMs: 20, maxDelayMs: 100 },
    });
    await runtime.waitUntilCaughtUp();

    const parked = await runtime.listParked("parking");
    expect(parked).toHaveLength(1);
    const [event] = parked;
    const stream: RecordedEvent[] = [];
    for await (const recorded of harness.store.readStream("poisoned-a")) stream.push(recorded);
    const poison = stream[5];
    expect(event).toMatchObject({
      projection: "parking",
      globalPosition: poison?.globalPosition,
      eventId: poison?.eventId,
      streamId: "poisoned-a",
      streamPosition: 6,
      type: "Counted",
      attempts: 3,
      replayRequested: false,
    });
    expect(event?.error).toContain("refusing Counted");
    // The whole batch, then the event alone three times (20 ms, then 40 ms apart).
    expect(attempts).toHaveLength(4);
    expect((attempts[3] ?? 0) - (attempts[1] ?? 0)).toBeGreaterThanOrEqual(55);
    expect((await harness.counts("rm_parking")).get("poisoned-a")).toBe(10);
    expect(runtime.status()[0]).toMatchObject({ parked: 1, state: "running" });
  });

  it("replays a parked event once its handler succeeds, and removes it from the parked list", async () => {
    let healed = false;
    const projection = streamCountProjection({
      name: "replaying",
      failWhen: (event) => !healed && isPoison(event),
    });
    await harness.appendCounted("poisoned-b", 1, { poison: true });
    const runtime = await harness.startRuntime({ projections: [projection] });
    await runtime.waitUntilCaughtUp();
    const parked = await runtime.listParked("replaying");
    expect(parked.length).toBeGreaterThan(0);

    const stillFailing = await runtime.replayParked("replaying", parked[0]?.globalPosition);
    expect(stillFailing.replayed).toEqual([]);
    expect(stillFailing.failed).toEqual([
      { position: parked[0]?.globalPosition, error: expect.stringContaining("refusing") },
    ]);
    expect((await runtime.listParked("replaying"))[0]?.attempts).toBe(
      (parked[0]?.attempts ?? 0) + 1,
    );

    healed = true;
    const report = await runtime.replayParked("replaying");
    expect(report.replayed).toEqual(parked.map((event) => event.globalPosition));
    expect(report.failed).toEqual([]);
    expect(await runtime.listParked("replaying")).toEqual([]);
    expect(await harness.counts("rm_replaying")).toEqual(await harness.trueCounts());
    await eventually(() => runtime.status()[0]?.parked === 0);
  });

  it("applies an event that fails once and then succeeds, without parking it", async () => {
    const failedOnce = new Set<string>();
    const projection = streamCountProjection({
      name: "transient",
      failWhen: (event) => {
        if (!isPoison(event) || failedOnce.has(event.eventId)) return false;
        failedOnce.add(event.eventId);
        return true;
      },
    });
    const runtime = await harness.startRuntime({ projections: [projection] });
    await runtime.waitUntilCaughtUp();
    expect(failedOnce.size).toBeGreaterThan(0);
    expect(await runtime.listParked("transient")).toEqual([]);
    expect(await harness.counts("rm_transient")).toEqual(await harness.trueCounts());
  });

  it("retries an error the projection calls transient until it passes, past the poison attempts, and never parks it", async () => {
    let failures = 0;
    const base = streamCountProjection({
      name: "transient_forever",
      failWhen: (event) => isPoison(event) && failures++ < 6,
    });
    const projection = { ...base, isTransient: () => true };
    await harness.appendCounted("poisoned-c", 1, { poison: true });
    const runtime = await harness.startRuntime({
      projections: [projection],
      poisonRetry: { attempts: 2, initialDelayMs: 5, maxDelayMs: 10 },
      stallBackoff: { initialDelayMs: 5, maxDelayMs: 20 },
    });
    await runtime.waitUntilCaughtUp();
    // Six failures with a poison budget of two attempts: parked, were the error not transient.
    expect(failures).toBeGreaterThan(6);
    expect(await runtime.listParked("transient_forever")).toEqual([]);
    expect(await harness.counts("rm_transient_forever")).toEqual(await harness.trueCounts());
  });
});
