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

const isCalendarDate = (date: LocalDate): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(date) && dayNumberToLocalDate(localDateToDayNumber(date)) === date;

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

/**
 * Looks up the business calendar of a jurisdiction: {@link calendarFor} (the shipped tables), or
 * a registry that also knows the tables extended at run time.
 */
export type CalendarLookup = (jurisdiction: Jurisdiction) => BusinessCalendar;

/**
 * The calendar as it was known up to `to`: holidays and worked weekends after it dropped, the
 * table ending there. What a deadline counted against an older, shorter table saw.
 */
export const truncateCalendar = (cal: BusinessCalendar, to: LocalDate): BusinessCalendar =>
  to >= cal.to
    ? cal
    : {
        ...cal,
        to,
        holidays: new Map([...cal.holidays].filter(([date]) => date <= to)),
        workingWeekends: new Set([...cal.workingWeekends].filter((date) => date <= to)),
      };

const invalidExtension = (message: string, details: Record<string, unknown>) =>
  domainError("calendar.invalid_extension", message, details);

/**
 * A holiday table extended by a newer one (a government's next schedule, a contract annex):
 * the extension must be of the same jurisdiction, start no later than the day after the
 * table's end, end after it, and list only real dates within its own range. Where the two
 * overlap, the extension's days win. Pure: the run-time registry of tables uses it.
 *
 * @example
 * ```ts
 * extendCalendarTable(CALENDAR_TABLES.CN, { jurisdiction: "CN", from: "2027-01-01", to: "2027-12-31",
 *   source: "State Council notice 2026-11", holidays: [{ date: "2027-01-01", name: "New Year" }], workingWeekends: [] });
 * ```
 */
export const extendCalendarTable = (
  base: CalendarTable,
  extension: CalendarTable,
): E.Either<DomainError, CalendarTable> => {
  const details = { jurisdiction: extension.jurisdiction, from: extension.from, to: extension.to };
  if (extension.jurisdiction !== base.jurisdiction) {
    return E.left(invalidExtension("The extension is of another jurisdiction", details));
  }
  if (!isCalendarDate(extension.from) || !isCalendarDate(extension.to)) {
    return E.left(invalidExtension("from and to must be dates (YYYY-MM-DD)", details));
  }
  const dayAfter = dayNumberToLocalDate(localDateToDayNumber(base.to) + 1);
  if (extension.from > dayAfter || extension.to <= base.to) {
    return E.left(
      invalidExtension(
        `The extension must start by ${dayAfter} and end after ${base.to}, the table's end`,
        { ...details, tableEnd: base.to },
      ),
    );
  }
  const outside = [...extension.holidays.map((h) => h.date), ...extension.workingWeekends].find(
    (date) => !isCalendarDate(date) || date < extension.from || date > extension.to,
  );
  if (outside !== undefined) {
    return E.left(invalidExtension(`${outside} is not a date within the extension`, details));
  }
  const weekend = extension.workingWeekends.find((date) => isoWeekday(date) < 6);
  if (weekend !== undefined) {
    return E.left(invalidExtension(`${weekend} is listed as a worked weekend day`, details));
  }
  return E.right({
    jurisdiction: base.jurisdiction,
    from: base.from,
    to: extension.to,
    source: `${base.source}; ${extension.from}..${extension.to}: ${extension.source}`,
    holidays: [...base.holidays.filter((h) => h.date < extension.from), ...extension.holidays],
    workingWeekends: [
      ...base.workingWeekends.filter((date) => date < extension.from),
      ...extension.workingWeekends,
    ],
  });
};

/** Does `date` lie after the last date of the calendar's table? */
export const isPastTable = (cal: BusinessCalendar, date: LocalDate): boolean => date > cal.to;

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
