import { type Money, zeroMoney } from "../shared/money.js";
import { daysBetween, type LocalDate } from "../shared/time.js";
import type { IssuedPolicyState } from "./state.js";

/** The facts earned premium depends on: the period (inclusive), the premium and the cancellation. */
export interface PremiumEarningFacts {
  readonly startDate: LocalDate;
  readonly endDate: LocalDate;
  readonly writtenPremium: Money;
  /** First day without cover, or `null`. */
  readonly cancelledFrom: LocalDate | null;
}

const floorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
};

const clamp = (value: number, min: number, max: number): number =>
  Math.min(Math.max(value, min), max);

/**
 * Premium earned on the days `from` … `to` (both inclusive): the written premium spread pro
 * rata by day over the policy period, and nothing from the cancellation date on.
 *
 * Method (floor of the cumulative): with `N` days in the period and written premium `P`
 * minor units, the premium earned after the first `k` days is `floor(P · k / N)`. A range
 * earns the difference of that cumulative at its two ends, clipped to the days with cover.
 * Every range being a difference of one cumulative function, consecutive ranges telescope:
 * splitting a range anywhere gives parts that add up to the whole exactly, the whole period
 * earns exactly `P`, and a cancelled policy earns exactly `floor(P · k / N)` for its `k`
 * covered days. Each single day earns `floor(P / N)` or one minor unit more.
 * Integer arithmetic only (bigint for the product).
 *
 * @example
 * ```ts
 * // 365-day policy, 365.00 CNY written
 * earnedPremium(policy, "2026-01-01", "2026-01-31"); // { amount: 3100, currency: "CNY" }
 * ```
 */
export const earnedPremium = (
  policy: PremiumEarningFacts | IssuedPolicyState,
  from: LocalDate,
  to: LocalDate,
): Money => {
  const { startDate, endDate, writtenPremium, cancelledFrom } = policy;
  const periodDays = daysBetween(startDate, endDate) + 1;
  if (periodDays <= 0) return zeroMoney(writtenPremium.currency);
  const coveredDays =
    cancelledFrom === null
      ? periodDays
      : clamp(daysBetween(startDate, cancelledFrom), 0, periodDays);
  const first = clamp(daysBetween(startDate, from), 0, coveredDays);
  const afterLast = clamp(daysBetween(startDate, to) + 1, 0, coveredDays);
  if (afterLast <= first) return zeroMoney(writtenPremium.currency);
  const premium = BigInt(writtenPremium.amount);
  const cumulative = (days: number): bigint => floorDiv(premium * BigInt(days), BigInt(periodDays));
  return {
    amount: Number(cumulative(afterLast) - cumulative(first)),
    currency: writtenPremium.currency,
  };
};
