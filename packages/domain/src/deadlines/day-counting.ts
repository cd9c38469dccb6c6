import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import { type DomainError, domainError } from "../shared/errors.js";
import { dayNumberToLocalDate, type LocalDate, localDateToDayNumber } from "../shared/time.js";
import { type BusinessCalendar, coveredDate, worksOn } from "./calendar.js";

/** Which covered dates a count includes. */
type CountsDay = (cal: BusinessCalendar, date: LocalDate) => boolean;

const notHoliday: CountsDay = (cal, date) => !cal.holidays.has(date);

const invalidDayCount = (n: number): DomainError =>
  domainError("calendar.invalid_day_count", `Cannot count ${n} days: use a whole number ≥ 0`, {
    days: n,
  });

// Walks day by day: n is a legal period (tens of days) and tables span a few years, so a
// walk stays cheap and is obviously right; the day that would leave the table stops it.
const addCountedDays = (
  cal: BusinessCalendar,
  date: LocalDate,
  n: number,
  counts: CountsDay,
): E.Either<DomainError, LocalDate> => {
  if (!Number.isSafeInteger(n) || n < 0) return E.left(invalidDayCount(n));
  return pipe(
    coveredDate(cal, date),
    E.flatMap((start) => {
      let day = localDateToDayNumber(start);
      for (let remaining = n; remaining > 0; ) {
        day += 1;
        const next = dayNumberToLocalDate(day);
        if (next > cal.to) return coveredDate(cal, next);
        if (counts(cal, next)) remaining -= 1;
      }
      return E.right(dayNumberToLocalDate(day));
    }),
  );
};

const countedDaysBetween = (
  cal: BusinessCalendar,
  from: LocalDate,
  to: LocalDate,
  counts: CountsDay,
): E.Either<DomainError, number> =>
  pipe(
    coveredDate(cal, from),
    E.flatMap(() => coveredDate(cal, to)),
    E.map(() => {
      const [first, last] = from <= to ? [from, to] : [to, from];
      let count = 0;
      for (let day = localDateToDayNumber(first) + 1; day <= localDateToDayNumber(last); day += 1) {
        if (counts(cal, dayNumberToLocalDate(day))) count += 1;
      }
      return from <= to ? count : 0 - count;
    }),
  );

/**
 * The `n`-th working day after `date` (the start date itself never counts; `n = 0` gives
 * `date` back). `calendar.out_of_range` when `date` or the result falls outside the calendar,
 * `calendar.invalid_day_count` when `n` is not a whole number ≥ 0.
 *
 * @example
 * ```ts
 * // Friday before China's 2025 National Day: Sun 28 Sep is worked, 1–8 Oct are off.
 * addWorkingDays(calendarFor("CN"), "2025-09-26", 4); // right("2025-10-09")
 * ```
 */
export const addWorkingDays = (
  cal: BusinessCalendar,
  date: LocalDate,
  n: number,
): E.Either<DomainError, LocalDate> => addCountedDays(cal, date, n, worksOn);

/**
 * The `n`-th calendar day after `date` that is not a public holiday; weekends count. This is
 * OSAGO's "calendar days excluding non-working public holidays" (RU 40-FZ art. 12 p. 21).
 * Same conventions and errors as {@link addWorkingDays}.
 *
 * @example
 * ```ts
 * // 1–8 January are Russian public holidays, so day 7 is 9 January.
 * addCalendarDaysExcludingHolidays(calendarFor("RU"), "2025-12-25", 7); // right("2026-01-09")
 * ```
 */
export const addCalendarDaysExcludingHolidays = (
  cal: BusinessCalendar,
  date: LocalDate,
  n: number,
): E.Either<DomainError, LocalDate> => addCountedDays(cal, date, n, notHoliday);

/**
 * Working days after `from` up to and including `to`, so that
 * `workingDaysBetween(cal, d, addWorkingDays(cal, d, n)) === n`. Negative when `to` is before
 * `from`. `calendar.out_of_range` when either date is outside the calendar.
 *
 * @example
 * ```ts
 * workingDaysBetween(calendarFor("CN"), "2025-09-30", "2025-10-11"); // right(3): 9, 10, 11 Oct
 * ```
 */
export const workingDaysBetween = (
  cal: BusinessCalendar,
  from: LocalDate,
  to: LocalDate,
): E.Either<DomainError, number> => countedDaysBetween(cal, from, to, worksOn);

/**
 * Calendar days that are not public holidays after `from` up to and including `to`; the
 * inverse of {@link addCalendarDaysExcludingHolidays}, with the conventions of
 * {@link workingDaysBetween}.
 *
 * @example
 * ```ts
 * calendarDaysExcludingHolidaysBetween(calendarFor("RU"), "2025-12-31", "2026-01-10"); // right(2)
 * ```
 */
export const calendarDaysExcludingHolidaysBetween = (
  cal: BusinessCalendar,
  from: LocalDate,
  to: LocalDate,
): E.Either<DomainError, number> => countedDaysBetween(cal, from, to, notHoliday);
