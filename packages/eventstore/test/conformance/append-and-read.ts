import { describe, expect, it } from "vitest";
import { isUuid, streamExists } from "../../src/index.js";
import type { SuiteContext } from "./context.js";
import { collect, isStrictlyIncreasing, numbered, sleep, uniqueCategory } from "./harness.js";

export const appendAndReadSuite = ({ open }: SuiteContext) =>
  describe("append and read", () => {
    it("appends a batch and reads it back in order with positions, ids and metadata", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      const suppliedId = "6f1c2a0e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
      const result = await store.appendToStream(
        streamId,
        [
          {
            eventId: suppliedId,
            type: "Opened",
            data: { owner: "ada", tags: ["a", "b"], nested: { z: 1, a: null } },
            metadata: {
              occurredAt: "2026-01-02T03:04:05.000Z",
              correlationId: "corr-1",
              causationId: "cmd-1",
              actor: { id: "u-1", role: "adjuster" },
              tenantId: "insurer-1",
              schemaVersion: 2,
            },
          },
          { type: "Deposited", data: { amount: 10 } },
          { type: "Deposited", data: { amount: 5 } },
        ],
        { expectedVersion: "no_stream" },
      );
      expect(result.nextExpectedVersion).toBe(3);
      expect(isStrictlyIncreasing(result.globalPositions)).toBe(true);

      const events = await collect(store.readStream(streamId));
      expect(events.map((e) => [e.streamPosition, e.type])).toEqual([
        [1, "Opened"],
        [2, "Deposited"],
        [3, "Deposited"],
      ]);
      const [first, second] = events;
      expect(first?.eventId).toBe(suppliedId);
      expect(isUuid(second?.eventId ?? "")).toBe(true);
      expect(first?.data).toEqual({ owner: "ada", tags: ["a", "b"], nested: { z: 1, a: null } });
      expect(first?.metadata).toMatchObject({
        occurredAt: "2026-01-02T03:04:05.000Z",
        correlationId: "corr-1",
        causationId: "cmd-1",
        actor: { id: "u-1", role: "adjuster" },
        tenantId: "insurer-1",
        schemaVersion: 2,
      });
      expect(Number.isNaN(Date.parse(second?.metadata.recordedAt ?? ""))).toBe(false);
      expect(second?.metadata.occurredAt).toBe(second?.metadata.recordedAt);
      expect(second?.metadata.schemaVersion).toBe(1);
      expect(events.map((e) => e.globalPosition)).toEqual(result.globalPositions);
      expect(first?.previousHash).toBeNull();
      expect(second?.previousHash).toBe(first?.hash);
    });

    it("reads nothing and version 0 for a stream that does not exist", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-missing`;
      expect(await collect(store.readStream(streamId))).toEqual([]);
      expect(await store.streamVersion(streamId)).toBe(0);
      expect(await streamExists(store, streamId)).toBe(false);
    });

    it("reads windows of a stream forward and backward, across pages", async () => {
      const store = await open({ pageSize: 3 });
      const streamId = `${uniqueCategory()}-1`;
      await store.appendToStream(streamId, numbered(10), { expectedVersion: "no_stream" });
      const positions = async (options: Parameters<typeof store.readStream>[1]) =>
        (await collect(store.readStream(streamId, options))).map((e) => e.streamPosition);

      expect(await positions({})).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await positions({ fromVersion: 3, toVersion: 6 })).toEqual([3, 4, 5, 6]);
      expect(await positions({ maxCount: 4 })).toEqual([1, 2, 3, 4]);
      expect(await positions({ direction: "backward" })).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
      expect(await positions({ direction: "backward", fromVersion: 7, maxCount: 3 })).toEqual([
        7, 6, 5,
      ]);
      expect(await positions({ direction: "backward", fromVersion: 7, toVersion: 6 })).toEqual([
        7, 6,
      ]);
      expect(await positions({ fromVersion: 11 })).toEqual([]);
      expect(await store.streamVersion(streamId)).toBe(10);
      expect(await streamExists(store, streamId)).toBe(true);
    });

    it("reads a stream as it was at a recorded time", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      await store.appendToStream(streamId, numbered(2), { expectedVersion: "no_stream" });
      const [, second] = await collect(store.readStream(streamId));
      await sleep(15);
      await store.appendToStream(streamId, numbered(2, "Numbered", 3), { expectedVersion: 2 });

      const asOf = second?.metadata.recordedAt as string;
      const then = await collect(store.readStream(streamId, { upToRecordedAt: asOf }));
      expect(then.map((e) => e.data.n)).toEqual([1, 2]);
      const backward = await collect(
        store.readStream(streamId, { upToRecordedAt: asOf, direction: "backward" }),
      );
      expect(backward.map((e) => e.data.n)).toEqual([2, 1]);
      const before = await collect(
        store.readStream(streamId, { upToRecordedAt: "2000-01-01T00:00:00Z" }),
      );
      expect(before).toEqual([]);
    });

    it("stores data as JSON: undefined properties dropped, dates as ISO strings", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      await store.appendToStream(
        streamId,
        [{ type: "Dated", data: { gone: undefined, at: new Date(0), n: 1.5 } }],
        { expectedVersion: "any" },
      );
      const [event] = await collect(store.readStream(streamId));
      expect(event?.data).toEqual({ at: "1970-01-01T00:00:00.000Z", n: 1.5 });
    });

    it("rejects malformed events before writing anything", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      const append = (event: Parameters<typeof store.appendToStream>[1][number]) =>
        store.appendToStream(streamId, [event], { expectedVersion: "any" });
      await expect(append({ eventId: "not-a-uuid", type: "X", data: {} })).rejects.toThrow(
        TypeError,
      );
      await expect(append({ type: "", data: {} })).rejects.toThrow(TypeError);
      await expect(
        append({ type: "X", data: [] as unknown as Record<string, never> }),
      ).rejects.toThrow(TypeError);
      expect(await store.streamVersion(streamId)).toBe(0);
    });
  });
