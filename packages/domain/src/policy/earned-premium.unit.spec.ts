import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { given } from "../shared/testing/decider-harness.js";
import { addCalendarDays, daysBetween } from "../shared/time.js";
import { earnedPremium, type PremiumEarningFacts } from "./earned-premium.js";
import { policyDecider } from "./index.js";
import { cancelPolicy, issuePolicy } from "./testing/policy-fixtures.js";

const year2026 = (premium: number, cancelledFrom: string | null = null): PremiumEarningFacts => ({
  startDate: "2026-01-01",
  endDate: "2026-12-31",
  writtenPremium: { amount: premium, currency: "CNY" },
  cancelledFrom,
});

/** A policy period, its premium, an optional cancellation and cut points inside the period. */
const splitArb = fc
  .record({
    startDay: fc.integer({ min: 0, max: 3_000 }),
    periodDays: fc.integer({ min: 1, max: 800 }),
    premium: fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 2 ** 40 })),
    cancelAt: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
  })
  .map(({ startDay, periodDays, premium, cancelAt, cuts }) => {
    const startDate = addCalendarDays("2020-01-01", startDay);
    const endDate = addCalendarDays(startDate, periodDays - 1);
    const dayAt = (fraction: number) => Math.min(periodDays - 1, Math.floor(fraction * periodDays));
    const facts: PremiumEarningFacts = {
      startDate,
      endDate,
      writtenPremium: { amount: premium, currency: "USD" },
      cancelledFrom: cancelAt === null ? null : addCalendarDays(startDate, dayAt(cancelAt)),
    };
    const starts = [...new Set([0, ...cuts.map(dayAt)])].sort((a, b) => a - b);
    const ranges = starts.map((first, index) => ({
      from: addCalendarDays(startDate, first),
      to: addCalendarDays(startDate, (starts[index + 1] ?? periodDays) - 1),
    }));
    return { facts, periodDays, ranges };
  });

describe("earned premium", () => {
  it("earns a 365.00 CNY annual premium at 1.00 CNY a day", () => {
    expect(earnedPremium(year2026(36_500), "2026-01-01", "2026-01-31")).toEqual({
      amount: 3_100,
      currency: "CNY",
    });
    expect(earnedPremium(year2026(36_500), "2026-01-01", "2026-12-31").amount).toBe(36_500);
  });

  it("earns nothing outside the period or for a range that ends before it starts", () => {
    expect(earnedPremium(year2026(36_500), "2025-01-01", "2025-12-31").amount).toBe(0);
    expect(earnedPremium(year2026(36_500), "2027-01-01", "2027-06-30").amount).toBe(0);
    expect(earnedPremium(year2026(36_500), "2026-03-01", "2026-02-01").amount).toBe(0);
  });

  it("clips a range that overlaps the period to the period", () => {
    expect(earnedPremium(year2026(36_500), "2025-12-01", "2026-01-10").amount).toBe(1_000);
  });

  it("stops earning on the cancellation date: the day before is the last day earned", () => {
    const cancelled = year2026(36_500, "2026-07-01");
    expect(earnedPremium(cancelled, "2026-06-30", "2026-06-30").amount).toBe(100);
    expect(earnedPremium(cancelled, "2026-07-01", "2026-12-31").amount).toBe(0);
    expect(earnedPremium(cancelled, "2026-01-01", "2026-12-31").amount).toBe(18_100);
  });

  it("earns nothing when the policy is cancelled from its first day", () => {
    expect(earnedPremium(year2026(36_500, "2026-01-01"), "2026-01-01", "2026-12-31").amount).toBe(
      0,
    );
  });

  it("spreads a premium that does not divide evenly so that days differ by at most one minor unit", () => {
    const facts: PremiumEarningFacts = {
      startDate: "2026-01-01",
      endDate: "2026-01-03",
      writtenPremium: { amount: 100, currency: "CNY" },
      cancelledFrom: null,
    };
    const days = ["2026-01-01", "2026-01-02", "2026-01-03"].map(
      (day) => earnedPremium(facts, day, day).amount,
    );
    expect(days).toEqual([33, 33, 34]);
  });

  it("takes the facts from a policy state, cut at its cancellation", () => {
    const state = given(policyDecider, [issuePolicy(), cancelPolicy()]);
    if (state.status === "none") throw new Error("expected a policy");
    expect(earnedPremium(state, "2026-01-01", "2026-12-31").amount).toBe(
      Math.floor((365_000 * 181) / 365),
    );
  });

  it("property: earned premium over any split of the period sums to the written premium, or to the portion before cancellation", () => {
    fc.assert(
      fc.property(splitArb, ({ facts, periodDays, ranges }) => {
        const sum = ranges.reduce(
          (total, range) => total + earnedPremium(facts, range.from, range.to).amount,
          0,
        );
        const whole = earnedPremium(facts, facts.startDate, facts.endDate).amount;
        expect(sum).toBe(whole);
        const P = facts.writtenPremium.amount;
        if (facts.cancelledFrom === null) {
          expect(whole).toBe(P);
        } else {
          const covered = daysBetween(facts.startDate, facts.cancelledFrom);
          expect(whole).toBe(Number((BigInt(P) * BigInt(covered)) / BigInt(periodDays)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("property: each day of cover earns the written premium divided by the days, rounded down or up", () => {
    fc.assert(
      fc.property(splitArb, fc.nat(), ({ facts, periodDays }, pick) => {
        const day = addCalendarDays(facts.startDate, pick % periodDays);
        const earned = earnedPremium(facts, day, day).amount;
        const covered = facts.cancelledFrom === null || day < facts.cancelledFrom;
        const floor = Math.floor(facts.writtenPremium.amount / periodDays);
        if (covered) expect([floor, floor + 1]).toContain(earned);
        else expect(earned).toBe(0);
      }),
      { numRuns: 500 },
    );
  });
});
