import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConcurrencyError, EventIdConflictError, isConcurrencyError } from "../../src/index.js";
import type { SuiteContext } from "./context.js";
import { collect, numbered, uniqueCategory } from "./harness.js";

const rejection = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );

export const expectedVersionSuite = ({ open }: SuiteContext) =>
  describe("expected version", () => {
    it("no_stream succeeds on a new stream and fails on an existing one", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      await store.appendToStream(streamId, numbered(2), { expectedVersion: "no_stream" });
      const error = await rejection(
        store.appendToStream(streamId, numbered(1), { expectedVersion: "no_stream" }),
      );
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ streamId, expectedVersion: "no_stream", actualVersion: 2 });
      expect(isConcurrencyError(error)).toBe(true);
    });

    it("stream_exists fails on a new stream and succeeds on an existing one", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      const error = await rejection(
        store.appendToStream(streamId, numbered(1), { expectedVersion: "stream_exists" }),
      );
      expect(error).toMatchObject({ expectedVersion: "stream_exists", actualVersion: 0 });
      await store.appendToStream(streamId, numbered(1), { expectedVersion: "no_stream" });
      const result = await store.appendToStream(streamId, numbered(1), {
        expectedVersion: "stream_exists",
      });
      expect(result.nextExpectedVersion).toBe(2);
    });

    it("an exact version must equal the stream's version, 0 meaning no stream", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      await store.appendToStream(streamId, numbered(2), { expectedVersion: 0 });
      await expect(
        store.appendToStream(streamId, numbered(1), { expectedVersion: 0 }),
      ).rejects.toMatchObject({
        actualVersion: 2,
      });
      await expect(
        store.appendToStream(streamId, numbered(1), { expectedVersion: 3 }),
      ).rejects.toMatchObject({
        expectedVersion: 3,
        actualVersion: 2,
      });
      const result = await store.appendToStream(streamId, numbered(1), { expectedVersion: 2 });
      expect(result.nextExpectedVersion).toBe(3);
    });

    it("any appends whatever the stream's version", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      await store.appendToStream(streamId, numbered(1), { expectedVersion: "any" });
      const result = await store.appendToStream(streamId, numbered(2), { expectedVersion: "any" });
      expect(result.nextExpectedVersion).toBe(3);
    });

    it("of concurrent writers expecting the same version, exactly one succeeds", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      await store.appendToStream(streamId, numbered(1), { expectedVersion: "no_stream" });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 6 }, () =>
          store.appendToStream(streamId, numbered(2), { expectedVersion: 1 }),
        ),
      );
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      const failures = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason] : []));
      expect(failures.every(isConcurrencyError)).toBe(true);
      expect(await store.streamVersion(streamId)).toBe(3);
    });

    it("an empty append checks the expected version and writes nothing", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      expect(await store.appendToStream(streamId, [], { expectedVersion: "no_stream" })).toEqual({
        nextExpectedVersion: 0,
        globalPositions: [],
      });
      await expect(
        store.appendToStream(streamId, [], { expectedVersion: "stream_exists" }),
      ).rejects.toThrow(ConcurrencyError);
      expect(await store.streamVersion(streamId)).toBe(0);
    });

    it("rejects an expected version that is not a version", async () => {
      const store = await open();
      await expect(
        store.appendToStream(`${uniqueCategory()}-1`, numbered(1), { expectedVersion: -1 }),
      ).rejects.toThrow(TypeError);
    });
  });

export const idempotencySuite = ({ open, harness }: SuiteContext) =>
  describe("idempotent event ids", () => {
    const withIds = (count: number) =>
      numbered(count).map((event) => ({ ...event, eventId: randomUUID() }));

    it("re-appending the same event ids returns the first result and writes nothing", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      const batch = withIds(3);
      const first = await store.appendToStream(streamId, batch, { expectedVersion: "no_stream" });
      const again = await store.appendToStream(streamId, batch, { expectedVersion: "no_stream" });
      await store.appendToStream(streamId, numbered(1), { expectedVersion: 3 });
      const later = await store.appendToStream(streamId, batch, { expectedVersion: 0 });
      expect(again).toEqual(first);
      expect(later).toEqual(first);
      expect(await collect(store.readStream(streamId))).toHaveLength(4);
    });

    it("rejects a batch that reuses only some existing ids, writing nothing", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      const batch = withIds(2);
      await store.appendToStream(streamId, batch, { expectedVersion: "no_stream" });
      const mixed = [batch[0], ...withIds(1)].filter((e) => e !== undefined);
      await expect(
        store.appendToStream(streamId, mixed, { expectedVersion: "any" }),
      ).rejects.toThrow(EventIdConflictError);
      const reordered = [batch[1], batch[0]].filter((e) => e !== undefined);
      await expect(
        store.appendToStream(streamId, reordered, { expectedVersion: "any" }),
      ).rejects.toThrow(EventIdConflictError);
      expect(await store.streamVersion(streamId)).toBe(2);
    });

    it("rejects a batch that repeats an event id", async () => {
      const store = await open();
      const [event] = withIds(1);
      const batch = [event, event].filter((e) => e !== undefined);
      await expect(
        store.appendToStream(`${uniqueCategory()}-1`, batch, { expectedVersion: "any" }),
      ).rejects.toThrow(EventIdConflictError);
    });

    it.skipIf(!harness.uniqueEventIdsAcrossStreams)(
      "rejects an event id already used in another stream",
      async () => {
        const store = await open();
        const category = uniqueCategory();
        const batch = withIds(1);
        await store.appendToStream(`${category}-1`, batch, { expectedVersion: "any" });
        await expect(
          store.appendToStream(`${category}-2`, batch, { expectedVersion: "any" }),
        ).rejects.toThrow(EventIdConflictError);
        expect(await store.streamVersion(`${category}-2`)).toBe(0);
      },
    );
  });
