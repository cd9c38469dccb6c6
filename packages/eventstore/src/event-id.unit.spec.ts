import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deterministicEventId, isUuid } from "./event-id.js";

describe("event ids", () => {
  it("a deterministic id is a UUID that depends only on its seed and index (property)", () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(1000), (seed, index) => {
        const id = deterministicEventId(seed, index);
        expect(isUuid(id)).toBe(true);
        expect(deterministicEventId(seed, index)).toBe(id);
        expect(deterministicEventId(seed, index + 1)).not.toBe(id);
      }),
    );
  });
});
