import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CachedAggregate, createAggregateCache } from "./aggregate-cache.js";

const entry = (version: number): CachedAggregate<number> => ({
  version,
  state: version,
  derivedEventIds: new Set(),
});

describe("aggregate cache", () => {
  it("drops the least recently used stream beyond maxStreams", () => {
    const cache = createAggregateCache<number>({ maxStreams: 2 });
    cache.set("a", entry(1));
    cache.set("b", entry(2));
    cache.get("a");
    cache.set("c", entry(3));
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual([
      entry(1),
      undefined,
      entry(3),
    ]);
    expect(cache.size).toBe(2);
  });

  it("never holds more than maxStreams entries and keeps the latest value of each (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.tuple(fc.constantFrom("a", "b", "c", "d", "e", "f"), fc.nat(99))),
        (maxStreams, writes) => {
          const cache = createAggregateCache<number>({ maxStreams });
          const latest = new Map<string, number>();
          for (const [streamId, version] of writes) {
            cache.set(streamId, entry(version));
            latest.set(streamId, version);
            expect(cache.size).toBeLessThanOrEqual(maxStreams);
          }
          for (const [streamId, version] of latest) {
            const found = cache.get(streamId);
            if (found !== undefined) expect(found.version).toBe(version);
          }
        },
      ),
    );
  });

  it("expires an entry maxAgeMs after it was stored", () => {
    let now = 1_000;
    const cache = createAggregateCache<number>({ maxStreams: 10, maxAgeMs: 50, now: () => now });
    cache.set("a", entry(1));
    now += 50;
    expect(cache.get("a")).toEqual(entry(1));
    now += 1;
    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("clear and delete drop entries", () => {
    const cache = createAggregateCache<number>({ maxStreams: 10 });
    cache.set("a", entry(1));
    cache.set("b", entry(2));
    cache.delete("a");
    expect(cache.get("a")).toBeUndefined();
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it("refuses a maxStreams below 1", () => {
    expect(() => createAggregateCache({ maxStreams: 0 })).toThrow(RangeError);
  });
});
