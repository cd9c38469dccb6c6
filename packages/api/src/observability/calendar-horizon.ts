import {
  calendarFor,
  daysBetween,
  type Jurisdiction,
  JurisdictionSchema,
} from "@claimstream/domain";
import type { Clock } from "../clock.js";

/** How long before a holiday table ends the service starts warning. */
export const CALENDAR_WARNING_DAYS = 60;

/** Days from the clock's date to the last date of each shipped holiday table. */
export const calendarDaysLeft = (clock: Clock): Readonly<Record<Jurisdiction, number>> => {
  const today = clock.now().slice(0, 10);
  return Object.fromEntries(
    JurisdictionSchema.options.map((jurisdiction) => [
      jurisdiction,
      daysBetween(today, calendarFor(jurisdiction).to),
    ]),
  ) as Record<Jurisdiction, number>;
};

/**
 * The warning `/ready` gives while a holiday table ends within {@link CALENDAR_WARNING_DAYS}
 * (or has ended: working-day deadlines past it are then counted with weekends only and marked
 * provisional); `undefined` while every table reaches far enough.
 *
 * @example
 * ```ts
 * calendarWarning(systemClock); // "CN holiday table ends 2026-12-31 (in 24 days): …"
 * ```
 */
export const calendarWarning = (clock: Clock): string | undefined => {
  const ending = Object.entries(calendarDaysLeft(clock)).filter(
    ([, days]) => days <= CALENDAR_WARNING_DAYS,
  );
  if (ending.length === 0) return undefined;
  const tables = ending
    .map(([jurisdiction, days]) => {
      const to = calendarFor(jurisdiction as Jurisdiction).to;
      return days < 0
        ? `${jurisdiction} ended ${to}`
        : `${jurisdiction} ends ${to} (in ${days} days)`;
    })
    .join(", ");
  return `holiday tables: ${tables}; working-day deadlines past a table's end count weekends only and are marked provisional until the next table is published and the domain package updated`;
};
