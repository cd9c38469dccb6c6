import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ComplexitySchema, complexityOf } from "./complexity.js";
import { moneyArb } from "./testing/arbitraries.js";

const simple = {
  estimatedAmount: { amount: 300_000, currency: "CNY" },
  injuries: false,
  singleParty: true,
};

describe("complexityOf", () => {
  it("rates a small single-party claim without injuries as 1", () => {
    expect(complexityOf(simple)).toBe(1);
  });

  it("adds a point for each amount threshold the estimate exceeds", () => {
    const at = (amount: number) =>
      complexityOf({ ...simple, estimatedAmount: { amount, currency: "CNY" } });
    expect([500_000, 500_001, 2_000_001, 10_000_001].map(at)).toEqual([1, 2, 3, 4]);
  });

  it("adds a point for injuries and one for more than one party", () => {
    expect(complexityOf({ ...simple, injuries: true })).toBe(2);
    expect(complexityOf({ ...simple, injuries: true, singleParty: false })).toBe(3);
  });

  it("never rates above 5", () => {
    const worst = {
      estimatedAmount: { amount: 50_000_000, currency: "CNY" },
      injuries: true,
      singleParty: false,
    };
    expect(complexityOf(worst)).toBe(5);
  });

  it("adds no amount points for a currency the configuration does not list", () => {
    expect(
      complexityOf({ ...simple, estimatedAmount: { amount: 10 ** 12, currency: "KZT" } }),
    ).toBe(1);
  });

  it("uses the thresholds it is given", () => {
    const config = { amountThresholds: { CNY: [100_000] } };
    expect(complexityOf(simple, config)).toBe(2);
  });

  it("property: complexity is always an integer from 1 to 5 and never falls as the amount grows", () => {
    const facts = fc.record({
      estimatedAmount: moneyArb(),
      injuries: fc.boolean(),
      singleParty: fc.boolean(),
    });
    fc.assert(
      fc.property(facts, fc.nat(), (f, extra) => {
        const c = complexityOf(f);
        expect(ComplexitySchema.safeParse(c).success).toBe(true);
        const larger = {
          ...f,
          estimatedAmount: { ...f.estimatedAmount, amount: f.estimatedAmount.amount + extra },
        };
        expect(complexityOf(larger)).toBeGreaterThanOrEqual(c);
      }),
    );
  });
});
