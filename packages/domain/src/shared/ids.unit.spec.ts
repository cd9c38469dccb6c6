import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdSchema, isSystemId, parseStreamId, STREAM_CATEGORIES, systemId } from "./ids.js";

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

describe("systemId", () => {
  const idArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/);

  it("reads as the kind and the parts when they fit", () => {
    expect(systemId("settlement", "C-2026-0001", "1")).toBe("sys.settlement.C-2026-0001.1");
    expect(isSystemId("sys.settlement.C-2026-0001.1")).toBe(true);
    expect(isSystemId("C-2026-0001-settlement-1")).toBe(false);
  });

  it("property: is a valid id in the system namespace for any valid parent id, even 100 characters long", () => {
    fc.assert(
      fc.property(idArb, fc.string({ maxLength: 200 }), (parent, part) => {
        const id = systemId("invoice", parent, part);
        expect(IdSchema.safeParse(id).success).toBe(true);
        expect(isSystemId(id)).toBe(true);
      }),
    );
  });

  it("property: two parents that differ derive different ids, also when the readable part is cut", () => {
    fc.assert(
      fc.property(idArb, idArb, (a, b) => {
        fc.pre(a !== b);
        expect(systemId("settlement", a, "1")).not.toBe(systemId("settlement", b, "1"));
      }),
    );
    const long = "C".repeat(99);
    expect(systemId("settlement", `${long}1`, "1")).not.toBe(
      systemId("settlement", `${long}2`, "1"),
    );
    expect(systemId("settlement", `${long}1`, "1").length).toBeLessThanOrEqual(100);
    // Dots cannot shift a boundary: repair order "R.1" invoice "5" is not "R" invoice "1.5".
    expect(systemId("invoice", "R.1", "5")).not.toBe(systemId("invoice", "R", "1.5"));
  });
});
