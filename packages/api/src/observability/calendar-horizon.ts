import {
  type CalendarLookup,
  calendarFor,
  daysBetween,
  type Jurisdiction,
  JurisdictionSchema,
} from "@claimstream/domain";
import type { Clock } from "../clock.js";

/** How long before a holiday table ends the service starts warning. */
export const CALENDAR_WARNING_DAYS = 60;

/** Days from the clock's date to the last date of each holiday table (shipped or extended). */
export const calendarDaysLeft = (
  clock: Clock,
  calendars: CalendarLookup = calendarFor,
): Readonly<Record<Jurisdiction, number>> => {
  const today = clock.now().slice(0, 10);
  return Object.fromEntries(
    JurisdictionSchema.options.map((jurisdiction) => [
      jurisdiction,
      daysBetween(today, calendars(jurisdiction).to),
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
export const calendarWarning = (
  clock: Clock,
  calendars: CalendarLookup = calendarFor,
): string | undefined => {
  const ending = Object.entries(calendarDaysLeft(clock, calendars)).filter(
    ([, days]) => days <= CALENDAR_WARNING_DAYS,
  );
  if (ending.length === 0) return undefined;
  const tables = ending
    .map(([jurisdiction, days]) => {
      const to = calendars(jurisdiction as Jurisdiction).to;
      return days < 0
        ? `${jurisdiction} ended ${to}`
        : `${jurisdiction} ends ${to} (in ${days} days)`;
    })
    .join(", ");
  return `holiday tables: ${tables}; working-day deadlines past a table's end count weekends only and are marked provisional until the table is extended (POST /v1/calendars/{jurisdiction}/extensions, or claimstream calendars extend)`;
};
