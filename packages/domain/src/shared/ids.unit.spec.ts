import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseStreamId, STREAM_CATEGORIES } from "./ids.js";

describe("parseStreamId", () => {
  it("splits a stream id into its category and aggregate id", () => {
    expect(parseStreamId("claim-C-1")).toEqual({ category: "claim", id: "C-1" });
    expect(parseStreamId("policy-P-1")).toEqual({ category: "policy", id: "P-1" });
    expect(parseStreamId("payout-C-1-settlement-1")).toEqual({
      category: "payout",
      id: "C-1-settlement-1",
    });
    expect(parseStreamId("repair-order-7")).toEqual({ category: "repair-order", id: "7" });
  });

  it("reads unknown categories and empty ids as no stream of an aggregate", () => {
    for (const streamId of ["audit-1", "repair-7", "claim-", "claim", "Claim-C-1", "", "-1"]) {
      expect(parseStreamId(streamId)).toBeUndefined();
    }
  });

  it("gives back the category and id a stream id was made of (property)", () => {
    const category = fc.constantFrom(...Object.values(STREAM_CATEGORIES));
    fc.assert(
      fc.property(category, fc.string({ minLength: 1 }), (category, id) => {
        expect(parseStreamId(`${category}-${id}`)).toEqual({ category, id });
      }),
    );
  });
});
