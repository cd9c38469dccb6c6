import { describe, expect, it } from "vitest";
import type { SuiteContext } from "./context.js";
import { isStrictlyIncreasing, numbered, receive, sleep, uniqueCategory } from "./harness.js";

export const subscriptionSuite = ({ open }: SuiteContext) =>
  describe("subscriptions", () => {
    it("subscribeToAll delivers stored events, then live ones, each once and in order", async () => {
      const store = await open({ pageSize: 4 });
      const category = uniqueCategory();
      const start = await store.headPosition();
      const positions: number[] = [];
      const append = async (stream: string, count: number) => {
        const result = await store.appendToStream(`${category}-${stream}`, numbered(count), {
          expectedVersion: "any",
        });
        positions.push(...result.globalPositions);
      };
      await append("a", 5);
      await store.appendToStream(`${uniqueCategory()}-other`, numbered(3), {
        expectedVersion: "any",
      });
      const subscription = store.subscribeToAll({
        fromPosition: start,
        filter: { categories: [category] },
      });
      const { done, received } = receive(subscription, 25);
      while (received.length < 5) await sleep(5);
      for (let round = 0; round < 10; round += 1) await append(round % 2 === 0 ? "a" : "b", 2);
      const events = await done;
      expect(events.map((e) => e.globalPosition)).toEqual(positions);
      expect(new Set(events.map((e) => e.eventId)).size).toBe(25);
    });

    it("subscribeToAll resumes after a checkpoint, exclusive", async () => {
      const store = await open();
      const category = uniqueCategory();
      const { globalPositions } = await store.appendToStream(`${category}-1`, numbered(4), {
        expectedVersion: "no_stream",
      });
      const subscription = store.subscribeToAll({
        fromPosition: globalPositions[2],
        filter: { categories: [category] },
      });
      const events = await receive(subscription, 1).done;
      expect(events.map((e) => e.data.n)).toEqual([4]);
    });

    it("subscribeToStream delivers a stream after a version, then live events", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      await store.appendToStream(streamId, numbered(3), { expectedVersion: "no_stream" });
      await store.appendToStream(`${uniqueCategory()}-1`, numbered(1), { expectedVersion: "any" });
      const { done, received } = receive(store.subscribeToStream(streamId, { fromVersion: 1 }), 5);
      while (received.length < 2) await sleep(5);
      await store.appendToStream(streamId, numbered(3, "Numbered", 4), { expectedVersion: 3 });
      const events = await done;
      expect(events.map((e) => e.streamPosition)).toEqual([2, 3, 4, 5, 6]);
      expect(isStrictlyIncreasing(events.map((e) => e.globalPosition))).toBe(true);
    });

    it("stop ends a subscription that is waiting for events", async () => {
      const store = await open();
      const subscription = store.subscribeToStream(`${uniqueCategory()}-quiet`);
      const iterating = (async () => {
        for await (const _ of subscription) {
          // nothing is ever appended
        }
        return "ended";
      })();
      await sleep(50);
      await subscription.stop();
      await expect(iterating).resolves.toBe("ended");
    });
  });
