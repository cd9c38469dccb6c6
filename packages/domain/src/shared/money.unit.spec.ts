import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { addMoney, formatMoney, money, percentOfMoney, subtractMoney, sumMoney } from "./money.js";

const currency = fc.constantFrom("CNY", "RUB", "USD");
const amount = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 });
const anyMoney = fc.record({ amount, currency });

describe("money", () => {
  it("adds and subtracts amounts of one currency", () => {
    expect(addMoney(money(150, "CNY"), money(250, "CNY"))).toEqual(E.right(money(400, "CNY")));
    expect(subtractMoney(money(150, "CNY"), money(250, "CNY"))).toEqual(
      E.right(money(-100, "CNY")),
    );
  });

  it("refuses to add RUB to CNY with money.currency_mismatch", () => {
    const result = addMoney(money(1, "RUB"), money(1, "CNY"));
    expect(E.isLeft(result) && result.left.code).toBe("money.currency_mismatch");
  });

  it("property: combining two amounts succeeds exactly when the currencies agree", () => {
    fc.assert(
      fc.property(anyMoney, anyMoney, (a, b) => {
        const sum = addMoney(a, b);
        const diff = subtractMoney(a, b);
        if (a.currency === b.currency) {
          expect(sum).toEqual(E.right({ amount: a.amount + b.amount, currency: a.currency }));
          expect(diff).toEqual(E.right({ amount: a.amount - b.amount, currency: a.currency }));
        } else {
          expect(E.isLeft(sum) && sum.left.code).toBe("money.currency_mismatch");
          expect(E.isLeft(diff) && diff.left.code).toBe("money.currency_mismatch");
        }
      }),
    );
  });

  it("property: a sum never mixes currencies and equals the integer total", () => {
    fc.assert(
      fc.property(fc.array(anyMoney, { maxLength: 20 }), (items) => {
        const result = sumMoney("CNY", items);
        if (items.every((m) => m.currency === "CNY")) {
          const total = items.reduce((s, m) => s + m.amount, 0);
          expect(result).toEqual(E.right(money(total, "CNY")));
        } else {
          expect(E.isLeft(result)).toBe(true);
        }
      }),
    );
  });

  it("takes 1 % per day late as basis points, rounded half away from zero", () => {
    expect(percentOfMoney(money(12_345, "RUB"), 100)).toEqual(money(123, "RUB"));
    expect(percentOfMoney(money(150, "RUB"), 100)).toEqual(money(2, "RUB"));
    expect(percentOfMoney(money(-150, "RUB"), 100)).toEqual(money(-2, "RUB"));
  });

  it("formats minor units for people", () => {
    expect(formatMoney(money(123_456, "RUB"))).toBe("1234.56 RUB");
    expect(formatMoney(money(-5, "CNY"))).toBe("-0.05 CNY");
  });
});
