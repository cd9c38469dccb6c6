import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { SuiteContext } from "./context.js";
import { collect, isStrictlyIncreasing, numbered, uniqueCategory } from "./harness.js";

export const allStreamSuite = ({ open }: SuiteContext) =>
  describe("$all: order and filters", () => {
    it("global positions increase in append order across streams", async () => {
      const store = await open({ pageSize: 4 });
      const category = uniqueCategory();
      const start = await store.headPosition();
      const appended: number[] = [];
      for (const stream of ["a", "b", "a", "c", "b"]) {
        const result = await store.appendToStream(`${category}-${stream}`, numbered(2), {
          expectedVersion: "any",
        });
        appended.push(...result.globalPositions);
      }
      const read = await collect(
        store.readAll({ fromPosition: start, filter: { categories: [category] } }),
      );
      expect(read.map((e) => e.globalPosition)).toEqual(appended);
      expect(isStrictlyIncreasing(appended)).toBe(true);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(appended.at(-1) as number);
    });

    it("readAll starts after fromPosition (exclusive) and honours maxCount", async () => {
      const store = await open();
      const category = uniqueCategory();
      const { globalPositions } = await store.appendToStream(`${category}-1`, numbered(5), {
        expectedVersion: "no_stream",
      });
      const filter = { categories: [category] };
      const after2 = await collect(store.readAll({ fromPosition: globalPositions[1], filter }));
      expect(after2.map((e) => e.data.n)).toEqual([3, 4, 5]);
      const two = await collect(
        store.readAll({ fromPosition: globalPositions[0], maxCount: 2, filter }),
      );
      expect(two.map((e) => e.data.n)).toEqual([2, 3]);
    });

    it("filters by category, including categories that contain a dash", async () => {
      const store = await open();
      const id = randomUUID().slice(0, 8);
      const start = await store.headPosition();
      await store.appendToStream(`repair-order-${id}`, numbered(2, "RepairOrderOpened"), {
        expectedVersion: "any",
      });
      await store.appendToStream(`repair-${id}`, numbered(1, "RepairLogged"), {
        expectedVersion: "any",
      });
      await store.appendToStream(`claim-${id}`, numbered(1, "ClaimRegistered"), {
        expectedVersion: "any",
      });
      const streamsOf = async (categories: string[]) =>
        (await collect(store.readAll({ fromPosition: start, filter: { categories } })))
          .map((e) => e.streamId)
          .filter((streamId) => streamId.endsWith(id));
      expect(await streamsOf(["repair-order"])).toEqual([
        `repair-order-${id}`,
        `repair-order-${id}`,
      ]);
      expect(await streamsOf(["repair"])).toEqual([`repair-${id}`]);
      expect(await streamsOf(["claim", "repair"])).toEqual([`repair-${id}`, `claim-${id}`]);
    });

    it("filters by event type, alone or with categories", async () => {
      const store = await open();
      const [one, two] = [uniqueCategory(), uniqueCategory()];
      const start = await store.headPosition();
      await store.appendToStream(`${one}-1`, [...numbered(1, "Kept"), ...numbered(1, "Dropped")], {
        expectedVersion: "any",
      });
      await store.appendToStream(`${two}-1`, numbered(1, "Kept"), { expectedVersion: "any" });
      const kept = await collect(
        store.readAll({
          fromPosition: start,
          filter: { categories: [one, two], eventTypes: ["Kept"] },
        }),
      );
      expect(kept.map((e) => e.streamId)).toEqual([`${one}-1`, `${two}-1`]);
      const onlyType = await collect(
        store.readAll({ fromPosition: start, filter: { eventTypes: ["Dropped"] } }),
      );
      expect(onlyType.map((e) => e.streamId)).toEqual([`${one}-1`]);
    });

    it("a configured categoryOf decides the category", async () => {
      const store = await open({ categoryOf: (streamId) => streamId.split(":")[0] ?? streamId });
      const category = uniqueCategory();
      const start = await store.headPosition();
      await store.appendToStream(`${category}:x-y`, numbered(1), { expectedVersion: "any" });
      const read = await collect(
        store.readAll({ fromPosition: start, filter: { categories: [category] } }),
      );
      expect(read.map((e) => e.streamId)).toEqual([`${category}:x-y`]);
    });
  });
