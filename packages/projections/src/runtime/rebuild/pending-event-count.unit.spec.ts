import { type EventStore, MemoryEventStore, type ReadAllOptions } from "@claimstream/eventstore";
import { beforeEach, describe, expect, it } from "vitest";
import { PendingEventCount } from "./pending-event-count.js";

/** A memory store holding `count` `Counted` events (and one other), counting its `$all` reads. */
const storeWith = async (count: number) => {
  const memory = new MemoryEventStore();
  const events = Array.from({ length: count }, () => ({ type: "Counted", data: {} }));
  await memory.appendToStream("s-1", events, { expectedVersion: "any" });
  await memory.appendToStream("s-2", [{ type: "Other", data: {} }], { expectedVersion: "any" });
  const reads = { count: 0 };
  const readAll = (options?: ReadAllOptions) => {
    reads.count += 1;
    return memory.readAll(options);
  };
  const store = new Proxy(memory, {
    get: (target, key) => {
      if (key === "readAll") return readAll;
      const value = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as EventStore;
  return { store, reads };
};

describe("PendingEventCount", () => {
  let store: EventStore;
  let reads: { count: number };
  beforeEach(async () => {
    ({ store, reads } = await storeWith(30));
  });
  const pendingCount = (options: { lagRefreshMs?: number; lagCountLimit?: number } = {}) =>
    new PendingEventCount({
      store,
      eventTypes: ["Counted"],
      lagRefreshMs: options.lagRefreshMs ?? 60_000,
      lagCountLimit: options.lagCountLimit ?? 10_000,
    });

  it("reads no event to count while nobody asked for the figure", async () => {
    const pending = pendingCount();
    for (let step = 0; step < 5; step += 1) await pending.behind(0, 0);
    expect(reads.count).toBe(0);
    expect(pending.value).toBeUndefined();
  });

  it("counts the events of its types after the position once the figure was asked for", async () => {
    const pending = pendingCount();
    expect(pending.ask()).toBeUndefined();
    await pending.behind(0, 0);
    expect(reads.count).toBe(1);
    expect(pending.ask()).toBe(30);
  });

  it("counts up to lagCountLimit", async () => {
    const pending = pendingCount({ lagCountLimit: 7 });
    pending.ask();
    await pending.behind(0, 0);
    expect(pending.value).toBe(7);
  });

  it("estimates between counts from the events applied, never below 1 while behind", async () => {
    const pending = pendingCount();
    pending.ask();
    await pending.behind(0, 0);
    pending.ask();
    await pending.behind(20, 20);
    expect(pending.value).toBe(10);
    await pending.behind(40, 20);
    expect(pending.value).toBe(1);
    expect(reads.count).toBe(1);
  });

  it("recounts after lagRefreshMs only when asked again, estimating meanwhile", async () => {
    const pending = pendingCount({ lagRefreshMs: 0 });
    pending.ask();
    await pending.behind(0, 0);
    await pending.behind(0, 5);
    expect(pending.value).toBe(25);
    expect(reads.count).toBe(1);
    pending.ask();
    await pending.behind(0, 5);
    expect(pending.value).toBe(30);
    expect(reads.count).toBe(2);
  });

  it("is 0 exactly when caught up, and unknown when it falls behind again before anyone asks", async () => {
    const pending = pendingCount();
    pending.caughtUp();
    expect(pending.value).toBe(0);
    await pending.behind(0, 0);
    expect(pending.value).toBeUndefined();
    expect(reads.count).toBe(0);
  });

  it("counts at once when it falls behind after being asked while caught up", async () => {
    const pending = pendingCount();
    pending.caughtUp();
    expect(pending.ask()).toBe(0);
    await pending.behind(0, 0);
    expect(pending.value).toBe(30);
  });
});
