import type { LocalDate } from "../shared/time.js";
import type { Jurisdiction } from "../shared/vocabulary.js";
import cn from "./data/cn.json" with { type: "json" };
import ru from "./data/ru.json" with { type: "json" };
import usCa from "./data/us-ca.json" with { type: "json" };

/**
 * One jurisdiction's holiday table as `scripts/generate-calendars.mjs` writes it to
 * `data/*.json`: public holidays that are days off, weekend days that are working days, and
 * the dates the table covers. `source` names the package and version the table came from and
 * what it is known to lack.
 *
 * @example
 * ```ts
 * const table: CalendarTable = {
 *   jurisdiction: "CN", from: "2025-01-01", to: "2025-12-31", source: "contract annex 3",
 *   holidays: [{ date: "2025-10-01", name: "National Day" }], workingWeekends: ["2025-09-28"],
 * };
 * ```
 */
export interface CalendarTable {
  readonly jurisdiction: Jurisdiction;
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly source: string;
  readonly holidays: readonly { readonly date: LocalDate; readonly name: string }[];
  readonly workingWeekends: readonly LocalDate[];
}

/** The generated tables shipped with the domain, one per {@link Jurisdiction}. */
export const CALENDAR_TABLES: Readonly<Record<Jurisdiction, CalendarTable>> = {
  CN: { ...cn, jurisdiction: "CN" },
  RU: { ...ru, jurisdiction: "RU" },
  "US-CA": { ...usCa, jurisdiction: "US-CA" },
};
