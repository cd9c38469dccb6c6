import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AllPage, EventFilter, EventStore, RecordedEvent } from "../../src/index.js";
import type { SuiteContext } from "./context.js";
import { collect, isStrictlyIncreasing, numbered, sleep, uniqueCategory } from "./harness.js";

export const allStreamSuite = (context: SuiteContext) => {
  allOrderSuite(context);
  allPagesSuite(context);
};

const allOrderSuite = ({ open }: SuiteContext) =>
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

/** Reads pages until `done(delivered, page)` or the deadline; returns what was delivered. */
const readPagesUntil = async (
  store: EventStore,
  options: { fromPosition: number; maxCount: number; filter: EventFilter },
  done: (delivered: RecordedEvent[], page: AllPage) => boolean,
): Promise<{ delivered: RecordedEvent[]; last: AllPage }> => {
  const delivered: RecordedEvent[] = [];
  let fromPosition = options.fromPosition;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const page = await store.readAllPage({ ...options, fromPosition });
    expect(page.checkpoint).toBeGreaterThanOrEqual(fromPosition);
    expect(page.head).toBeGreaterThanOrEqual(page.checkpoint);
    delivered.push(...page.events);
    fromPosition = page.checkpoint;
    if (done(delivered, page) || Date.now() > deadline) return { delivered, last: page };
    if (page.events.length < options.maxCount) await sleep(5);
  }
};

const allPagesSuite = ({ open }: SuiteContext) =>
  describe("$all pages (readAllPage)", () => {
    it("returns the matching events after fromPosition, at most maxCount, and where to resume", async () => {
      const store = await open();
      const [mine, other] = [uniqueCategory(), uniqueCategory()];
      const start = await store.headPosition();
      const first = await store.appendToStream(`${mine}-1`, numbered(3), {
        expectedVersion: "no_stream",
      });
      await store.appendToStream(`${other}-1`, numbered(2), { expectedVersion: "no_stream" });
      const second = await store.appendToStream(`${mine}-2`, numbered(2, "Numbered", 4), {
        expectedVersion: "no_stream",
      });
      const filter = { categories: [mine] };
      const full = await store.readAllPage({ fromPosition: start, maxCount: 2, filter });
      expect(full.events.map((e) => e.data.n)).toEqual([1, 2]);
      expect(full.checkpoint).toBe(first.globalPositions[1]);
      const rest = await readPagesUntil(
        store,
        { fromPosition: full.checkpoint, maxCount: 10, filter },
        (_, page) => page.checkpoint >= (second.globalPositions[1] as number),
      );
      expect(rest.delivered.map((e) => e.data.n)).toEqual([3, 4, 5]);
      const none = await store.readAllPage({
        fromPosition: rest.last.checkpoint,
        maxCount: 10,
        filter,
      });
      expect(none.events).toEqual([]);
      expect(none.checkpoint).toBeGreaterThanOrEqual(rest.last.checkpoint);
    });

    it("a short page's checkpoint moves past the events its filter skips", async () => {
      const store = await open();
      const [mine, other] = [uniqueCategory(), uniqueCategory()];
      const start = await store.headPosition();
      await store.appendToStream(`${mine}-1`, numbered(1), { expectedVersion: "no_stream" });
      const skipped = await store.appendToStream(`${other}-1`, numbered(3), {
        expectedVersion: "no_stream",
      });
      const target = skipped.globalPositions[2] as number;
      const { delivered, last } = await readPagesUntil(
        store,
        { fromPosition: start, maxCount: 10, filter: { categories: [mine] } },
        (_, page) => page.checkpoint >= target,
      );
      expect(last.checkpoint).toBeGreaterThanOrEqual(target);
      expect(delivered.map((e) => e.streamId)).toEqual([`${mine}-1`]);
    });

    it("resuming from each checkpoint delivers every event once, in order, while writers append", async () => {
      const store = await open({ pageSize: 3 });
      const category = uniqueCategory();
      const start = await store.headPosition();
      const writers = [1, 2, 3, 4].map(async (writer) => {
        const positions: number[] = [];
        for (let i = 0; i < 10; i += 1) {
          const result = await store.appendToStream(
            `${category}-${writer}`,
            numbered(1 + (i % 2)),
            {
              expectedVersion: "any",
            },
          );
          positions.push(...result.globalPositions);
        }
        return positions;
      });
      const reading = readPagesUntil(
        store,
        { fromPosition: start, maxCount: 4, filter: { categories: [category] } },
        (delivered) => delivered.length >= 60,
      );
      const appended = (await Promise.all(writers)).flat().sort((a, b) => a - b);
      const { delivered } = await reading;
      const positions = delivered.map((e) => e.globalPosition);
      expect(isStrictlyIncreasing(positions)).toBe(true);
      expect(positions).toEqual(appended);
    });
  });
