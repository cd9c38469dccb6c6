import { addCalendarDays, earnedPremium, type LocalDate, type Policy } from "@claimstream/domain";

/** How earned premium is split in time: not at all, by calendar month or by calendar year. */
export type EarningPeriod = "none" | "month" | "year";

/** Premium earned in one calendar period (`YYYY-MM`, `YYYY`, or `null` for no split). */
export interface EarnedSlice {
  readonly period: string | null;
  readonly amount: number;
}

const lastDayOf = (date: LocalDate, period: "month" | "year"): LocalDate => {
  const year = Number(date.slice(0, 4));
  if (period === "year") return `${year}-12-31`;
  const month = Number(date.slice(5, 7));
  const firstOfNext =
    month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
  return addCalendarDays(firstOfNext, -1);
};

const laterOf = (a: LocalDate, b: LocalDate | undefined): LocalDate =>
  b !== undefined && b > a ? b : a;
const earlierOf = (a: LocalDate, b: LocalDate | undefined): LocalDate =>
  b !== undefined && b < a ? b : a;

/**
 * Splits the premium a policy earns on the days `from` … `to` (inclusive; either open) into
 * calendar periods, with the domain's {@link earnedPremium} (pro rata by day, floor of the
 * cumulative, nothing from the cancellation on). The slices of a range add up exactly to the
 * premium of the whole range.
 *
 * @example
 * ```ts
 * earnedSlices(policy, "2026-01-01", "2026-02-28", "month");
 * // [{ period: "2026-01", amount: 3100 }, { period: "2026-02", amount: 2800 }]
 * ```
 */
export const earnedSlices = (
  policy: Policy.PremiumEarningFacts,
  from: LocalDate | undefined,
  to: LocalDate | undefined,
  period: EarningPeriod,
): EarnedSlice[] => {
  const first = laterOf(policy.startDate, from);
  const last = earlierOf(policy.endDate, to);
  if (last < first) return [];
  if (period === "none") {
    return [{ period: null, amount: earnedPremium(policy, first, last).amount }];
  }
  const slices: EarnedSlice[] = [];
  for (let day = first; day <= last; ) {
    const periodEnd = earlierOf(lastDayOf(day, period), last);
    slices.push({
      period: period === "month" ? day.slice(0, 7) : day.slice(0, 4),
      amount: earnedPremium(policy, day, periodEnd).amount,
    });
    day = addCalendarDays(periodEnd, 1);
  }
  return slices;
};
