import { describe, expect, it } from "vitest";
import { StateCache } from "./state-cache.js";

const cacheAt = (clock: { now: number }, maxEntries = 10) =>
  new StateCache<string>({ maxEntries, maxAgeMs: 1_000, now: () => clock.now });

describe("the state cache", () => {
  it("serves a state only at the version it was folded at", () => {
    const states = cacheAt({ now: 0 });
    states.set("claim-C-1", 3, "three");
    expect(states.get("claim-C-1", 3)).toBe("three");
    expect(states.get("claim-C-1", 4)).toBeUndefined();
    // The stale entry is gone, not kept for a later lookup at its old version.
    expect(states.get("claim-C-1", 3)).toBeUndefined();
  });

  it("never replaces a later version with an earlier one folded concurrently", () => {
    const states = cacheAt({ now: 0 });
    states.set("claim-C-1", 5, "five");
    states.set("claim-C-1", 4, "four");
    expect(states.get("claim-C-1", 5)).toBe("five");
  });

  it("folds again once a state is older than maxAgeMs, even at the same version", () => {
    const clock = { now: 0 };
    const states = cacheAt(clock);
    states.set("claim-C-1", 3, "three");
    clock.now = 1_000;
    expect(states.get("claim-C-1", 3)).toBe("three");
    clock.now = 1_001;
    expect(states.get("claim-C-1", 3)).toBeUndefined();
  });

  it("keeps at most maxEntries states, dropping the least recently used", () => {
    const states = cacheAt({ now: 0 }, 2);
    states.set("a", 1, "a1");
    states.set("b", 1, "b1");
    expect(states.get("a", 1)).toBe("a1");
    states.set("c", 1, "c1");
    expect(states.size).toBe(2);
    expect(states.has("b")).toBe(false);
    expect(states.get("a", 1)).toBe("a1");
    expect(states.get("c", 1)).toBe("c1");
  });

  it("holds nothing after clear", () => {
    const states = cacheAt({ now: 0 });
    states.set("a", 1, "a1");
    states.clear();
    expect(states.has("a")).toBe(false);
    expect(states.get("a", 1)).toBeUndefined();
  });
});
