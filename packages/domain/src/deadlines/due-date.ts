import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import { type DomainError, domainError } from "../shared/errors.js";
import {
  addCalendarDays,
  daysBetween,
  type Instant,
  instantToLocalDate,
  instantToMs,
  type LocalDate,
  msToInstant,
} from "../shared/time.js";
import {
  type BusinessCalendar,
  type CalendarLookup,
  calendarFor,
  continuedPastTable,
  isPastTable,
  truncateCalendar,
} from "./calendar.js";
import {
  addCalendarDaysExcludingHolidays,
  addWorkingDays,
  calendarDaysExcludingHolidaysBetween,
  workingDaysBetween,
} from "./day-counting.js";
import type { DeadlineTerm, DeadlineUnit } from "./deadline-rule.js";

const HOUR_MS = 3_600_000;

/**
 * Was `dueAt` counted past the end of the jurisdiction's holiday table (weekends only there)?
 * Then it is provisional: a holiday published later may move it.
 */
export const isProvisionalDueAt = (
  term: Pick<DeadlineTerm, "unit" | "jurisdiction">,
  dueAt: Instant,
  calendars: CalendarLookup = calendarFor,
): boolean =>
  term.unit !== "hours" &&
  term.unit !== "calendar_days" &&
  term.jurisdiction !== null &&
  isPastTable(calendars(term.jurisdiction), instantToLocalDate(dueAt));

/** The last millisecond of a UTC date: day-counted deadlines are due then. */
export const endOfDay = (date: LocalDate): Instant => `${date}T23:59:59.999Z`;

/** Adding and counting days in one day-based unit. */
interface DayCounting {
  readonly add: (date: LocalDate, n: number) => E.Either<DomainError, LocalDate>;
  readonly between: (from: LocalDate, to: LocalDate) => E.Either<DomainError, number>;
}

// Counting on one calendar, continued past its table with weekends only (the deadline is then
// provisional).
const countingOn = (
  unit: "working_days" | "calendar_days_excluding_holidays",
  calendar: BusinessCalendar,
): DayCounting => {
  const cal = continuedPastTable(calendar);
  return unit === "working_days"
    ? {
        add: (date, n) => addWorkingDays(cal, date, n),
        between: (from, to) => workingDaysBetween(cal, from, to),
      }
    : {
        add: (date, n) => addCalendarDaysExcludingHolidays(cal, date, n),
        between: (from, to) => calendarDaysExcludingHolidaysBetween(cal, from, to),
      };
};

const dayCountingFor = (
  unit: Exclude<DeadlineUnit, "hours">,
  jurisdiction: DeadlineTerm["jurisdiction"],
  calendars: CalendarLookup,
): E.Either<DomainError, DayCounting> => {
  if (unit === "calendar_days") {
    return E.right({
      add: (date, n) => E.right(addCalendarDays(date, n)),
      between: (from, to) => E.right(daysBetween(from, to)),
    });
  }
  if (jurisdiction === null) {
    return E.left(
      domainError("calendar.unknown_jurisdiction", `Counting ${unit} needs a jurisdiction`, {
        unit,
      }),
    );
  }
  return E.right(countingOn(unit, calendars(jurisdiction)));
};

/**
 * When a deadline started at `startedAt` falls due.
 *
 * - `hours`: `startedAt` plus the hours, to the millisecond.
 * - day units: the start date (UTC) never counts; the deadline is due at the end of the
 *   `length`-th counted day after it, `23:59:59.999Z`. Dates are UTC dates, as everywhere in
 *   the domain: a claim handled in Moscow or Beijing keeps UTC day boundaries.
 *
 * A last day that falls on a holiday is not moved (civil codes that roll such a period to the
 * next working day are not applied). Left with `calendar.out_of_range` when a calendar-bound
 * count runs outside the holiday table, `calendar.unknown_jurisdiction` when such a unit has
 * no jurisdiction, `calendar.invalid_day_count` for a length that is not a whole number ≥ 0.
 *
 * @example
 * ```ts
 * computeDueAt({ unit: "calendar_days", length: 30, jurisdiction: "CN" }, "2025-03-03T10:00:00Z");
 * // right("2025-04-02T23:59:59.999Z")
 * computeDueAt({ unit: "hours", length: 24, jurisdiction: null }, "2025-10-01T09:30:00Z");
 * // right("2025-10-02T09:30:00.000Z")
 * ```
 */
export const computeDueAt = (
  term: DeadlineTerm,
  startedAt: Instant,
  calendars: CalendarLookup = calendarFor,
): E.Either<DomainError, Instant> => {
  if (!Number.isSafeInteger(term.length) || term.length < 0) {
    return E.left(
      domainError("calendar.invalid_day_count", `Deadline length ${term.length} is not valid`, {
        length: term.length,
      }),
    );
  }
  if (term.unit === "hours") {
    return E.right(msToInstant(instantToMs(startedAt) + term.length * HOUR_MS));
  }
  return pipe(
    dayCountingFor(term.unit, term.jurisdiction, calendars),
    E.flatMap((counting) => counting.add(instantToLocalDate(startedAt), term.length)),
    E.map(endOfDay),
  );
};

/**
 * Moves a due date on by a pause from `pausedAt` to `resumedAt`, measured in the deadline's
 * own unit: for `hours` the exact paused time; for day units the counted days after the pause
 * date up to and including the resume date (a pause within one day adds nothing, a pause from
 * Monday to Wednesday adds the counted days among Tuesday and Wednesday). A resume before the
 * pause adds nothing.
 */
export const extendDueAt = (
  term: Pick<DeadlineTerm, "unit" | "jurisdiction">,
  dueAt: Instant,
  pausedAt: Instant,
  resumedAt: Instant,
  calendars: CalendarLookup = calendarFor,
): E.Either<DomainError, Instant> => {
  if (term.unit === "hours") {
    const paused = Math.max(0, instantToMs(resumedAt) - instantToMs(pausedAt));
    return E.right(msToInstant(instantToMs(dueAt) + paused));
  }
  return pipe(
    dayCountingFor(term.unit, term.jurisdiction, calendars),
    E.flatMap((counting) =>
      pipe(
        counting.between(instantToLocalDate(pausedAt), instantToLocalDate(resumedAt)),
        E.flatMap((pausedDays) => counting.add(instantToLocalDate(dueAt), Math.max(0, pausedDays))),
      ),
    ),
    E.map(endOfDay),
  );
};

/**
 * A provisional due date counted again on a longer table: the days the deadline counted from
 * its start date to its due date on the table it was counted against (ending `tableEnd`, weekends
 * only after), pause extensions included, are counted again from the start date on the
 * jurisdiction's table as it is now. A holiday published since moves the due date on by a day.
 *
 * @example
 * ```ts
 * // 10 working days from 2026-12-28, counted in December on a table ending 2026-12-31:
 * recountDueAt({ unit: "working_days", jurisdiction: "CN", startedAt, dueAt: "2027-01-11T23:59:59.999Z" },
 *   "2026-12-31", lookupWithThe2027Table); // right("2027-01-12T23:59:59.999Z") if Jan 1 is a holiday
 * ```
 */
export const recountDueAt = (
  deadline: Pick<DeadlineTerm, "unit" | "jurisdiction"> & {
    readonly startedAt: Instant;
    readonly dueAt: Instant;
  },
  tableEnd: LocalDate,
  calendars: CalendarLookup,
): E.Either<DomainError, Instant> => {
  const { unit, jurisdiction } = deadline;
  if (unit === "hours" || unit === "calendar_days" || jurisdiction === null) {
    return E.right(deadline.dueAt);
  }
  const now = calendars(jurisdiction);
  const then = countingOn(unit, truncateCalendar(now, tableEnd));
  const start = instantToLocalDate(deadline.startedAt);
  return pipe(
    then.between(start, instantToLocalDate(deadline.dueAt)),
    E.flatMap((counted) => countingOn(unit, now).add(start, counted)),
    E.map(endOfDay),
  );
};
