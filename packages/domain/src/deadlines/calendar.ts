import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import { type DomainError, domainError } from "../shared/errors.js";
import {
  dayNumberToLocalDate,
  isoWeekday,
  type LocalDate,
  localDateToDayNumber,
} from "../shared/time.js";
import type { Jurisdiction } from "../shared/vocabulary.js";
import { CALENDAR_TABLES, type CalendarTable } from "./calendar-tables.js";

/**
 * A jurisdiction's business calendar: which days are public holidays, which weekend days are
 * working days (China's adjusted weekends, 调休), and the dates it covers.
 *
 * Holiday tables only exist for the years a government has published, so every question
 * about a date outside `from`…`to` is answered with `calendar.out_of_range` instead of a
 * guess. Weekends are Saturday and Sunday unless listed in `workingWeekends`; a public
 * holiday is never a working day.
 */
export interface BusinessCalendar {
  readonly jurisdiction: Jurisdiction;
  /** First covered date. */
  readonly from: LocalDate;
  /** Last covered date. */
  readonly to: LocalDate;
  /** Where the table came from and what it is known to lack. */
  readonly source: string;
  /** Public holidays that are days off, by date, with their names. */
  readonly holidays: ReadonlyMap<LocalDate, string>;
  /** Saturdays and Sundays that are working days. */
  readonly workingWeekends: ReadonlySet<LocalDate>;
}

/**
 * Builds a {@link BusinessCalendar} from a table, e.g. an insurer's own calendar.
 *
 * @example
 * ```ts
 * const cal = businessCalendar({
 *   jurisdiction: "RU", from: "2026-01-01", to: "2026-12-31", source: "contract annex 3",
 *   holidays: [{ date: "2026-01-01", name: "New Year's Day" }], workingWeekends: [],
 * });
 * ```
 */
export const businessCalendar = (table: CalendarTable): BusinessCalendar => ({
  jurisdiction: table.jurisdiction,
  from: table.from,
  to: table.to,
  source: table.source,
  holidays: new Map(table.holidays.map((h) => [h.date, h.name])),
  workingWeekends: new Set(table.workingWeekends),
});

const SHIPPED_CALENDARS: Readonly<Record<Jurisdiction, BusinessCalendar>> = {
  CN: businessCalendar(CALENDAR_TABLES.CN),
  RU: businessCalendar(CALENDAR_TABLES.RU),
  "US-CA": businessCalendar(CALENDAR_TABLES["US-CA"]),
};

/**
 * The shipped business calendar of a jurisdiction (generated from `chinese-days` and
 * `date-holidays`; see each calendar's `source` for its coverage and known gaps).
 *
 * @example
 * ```ts
 * const cn = calendarFor("CN");
 * isWorkingDay(cn, "2025-09-28"); // right(true): a Sunday worked before National Day
 * ```
 */
export const calendarFor = (jurisdiction: Jurisdiction): BusinessCalendar =>
  SHIPPED_CALENDARS[jurisdiction];

/** The date used as "no end" for a calendar continued past its table. */
const OPEN_END: LocalDate = "9999-12-31";

/**
 * The calendar continued past its table's last date with weekends only (no public holiday and
 * no worked weekend is known there yet): what day counts fall back to instead of refusing a
 * command once a government's next schedule is not yet published. Deadlines counted into that
 * stretch are marked provisional ({@link isPastTable}).
 *
 * @example
 * ```ts
 * addWorkingDays(continuedPastTable(calendarFor("CN")), "2026-12-28", 10); // right("2027-01-11")
 * ```
 */
export const continuedPastTable = (cal: BusinessCalendar): BusinessCalendar =>
  cal.to === OPEN_END
    ? cal
    : { ...cal, to: OPEN_END, source: `${cal.source}; weekends only after ${cal.to}` };

/** Does `date` lie after the last date of the calendar's table? */
export const isPastTable = (cal: BusinessCalendar, date: LocalDate): boolean => date > cal.to;

const isCalendarDate = (date: LocalDate): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(date) && dayNumberToLocalDate(localDateToDayNumber(date)) === date;

/**
 * The date itself when the calendar covers it; `calendar.out_of_range` when it is outside
 * `from`…`to` or not a real `YYYY-MM-DD` date.
 */
export const coveredDate = (
  cal: BusinessCalendar,
  date: LocalDate,
): E.Either<DomainError, LocalDate> =>
  isCalendarDate(date) && date >= cal.from && date <= cal.to
    ? E.right(date)
    : E.left(
        domainError(
          "calendar.out_of_range",
          `${cal.jurisdiction} calendar covers ${cal.from} to ${cal.to}, not ${date}`,
          { jurisdiction: cal.jurisdiction, date, from: cal.from, to: cal.to },
        ),
      );

/** Working day by the table alone; the caller has checked that the date is covered. */
export const worksOn = (cal: BusinessCalendar, date: LocalDate): boolean => {
  if (cal.holidays.has(date)) return false;
  return isoWeekday(date) < 6 || cal.workingWeekends.has(date);
};

/**
 * Is `date` a public holiday that is a day off? Weekends are not holidays unless listed.
 *
 * @example
 * ```ts
 * isPublicHoliday(calendarFor("US-CA"), "2026-07-03"); // right(true): July 4 observed
 * ```
 */
export const isPublicHoliday = (
  cal: BusinessCalendar,
  date: LocalDate,
): E.Either<DomainError, boolean> =>
  pipe(
    coveredDate(cal, date),
    E.map((covered) => cal.holidays.has(covered)),
  );

/**
 * Is `date` a working day: a weekday that is not a public holiday, or a listed working
 * weekend?
 *
 * @example
 * ```ts
 * isWorkingDay(calendarFor("CN"), "2025-10-11"); // right(true): an adjusted working Saturday
 * isWorkingDay(calendarFor("CN"), "2025-10-08"); // right(false): National Day holiday
 * ```
 */
export const isWorkingDay = (
  cal: BusinessCalendar,
  date: LocalDate,
): E.Either<DomainError, boolean> =>
  pipe(
    coveredDate(cal, date),
    E.map((covered) => worksOn(cal, covered)),
  );
