import type { LocalDate } from "@claimstream/domain";
import { type RawBuilder, sql } from "kysely";

/** The length of accident and development periods in a triangle (calendar periods, UTC). */
export type DevelopmentGranularity = "year" | "quarter" | "month";

const PER_YEAR: Record<DevelopmentGranularity, number> = { year: 1, quarter: 4, month: 12 };

/**
 * A calendar period as a consecutive integer (years × periods per year + period in year), so
 * that the development age of a movement is a plain difference of two indexes.
 *
 * @example
 * ```ts
 * periodIndex("2026-05-03", "quarter") - periodIndex("2025-12-31", "quarter"); // 2
 * ```
 */
export const periodIndex = (date: LocalDate, granularity: DevelopmentGranularity): number => {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1;
  const inYear = Math.floor((month * PER_YEAR[granularity]) / 12);
  return year * PER_YEAR[granularity] + inYear;
};

/** The label of a period index: `2026`, `2026-Q2` or `2026-05`. */
export const periodLabel = (index: number, granularity: DevelopmentGranularity): string => {
  const perYear = PER_YEAR[granularity];
  const year = Math.floor(index / perYear);
  const inYear = index - year * perYear;
  if (granularity === "year") return String(year);
  if (granularity === "quarter") return `${year}-Q${inYear + 1}`;
  return `${year}-${String(inYear + 1).padStart(2, "0")}`;
};

/** {@link periodIndex} in SQL, for a `date` expression. */
export const periodIndexSql = (
  date: RawBuilder<unknown>,
  granularity: DevelopmentGranularity,
): RawBuilder<number> => {
  const perYear = PER_YEAR[granularity];
  return sql<number>`(extract(year from ${date})::int * ${sql.lit(perYear)} + ((extract(month from ${date})::int - 1) * ${sql.lit(perYear)}) / 12)`;
};
