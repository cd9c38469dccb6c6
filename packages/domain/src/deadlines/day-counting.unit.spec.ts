import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { dayNumberToLocalDate, type LocalDate, localDateToDayNumber } from "../shared/time.js";
import { JurisdictionSchema } from "../shared/vocabulary.js";
import { calendarFor } from "./calendar.js";
import { CALENDAR_TABLES, type CalendarTable } from "./calendar-tables.js";
import {
  addCalendarDaysExcludingHolidays,
  addWorkingDays,
  calendarDaysExcludingHolidaysBetween,
  workingDaysBetween,
} from "./day-counting.js";

const codeOf = <A>(result: E.Either<{ code: string }, A>) => E.isLeft(result) && result.left.code;

/** Brute force straight from the raw table: every date of the range, judged one by one. */
const oracleFor = (table: CalendarTable) => {
  const holidays = table.holidays.map((h) => h.date);
  const isWeekend = (date: LocalDate) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
  const works = (date: LocalDate) =>
    !holidays.includes(date) && (!isWeekend(date) || table.workingWeekends.includes(date));
  const notHoliday = (date: LocalDate) => !holidays.includes(date);
  const next = (date: LocalDate) => dayNumberToLocalDate(localDateToDayNumber(date) + 1);
  const add = (counts: (d: LocalDate) => boolean, date: LocalDate, n: number) => {
    let day = date;
    for (let remaining = n; remaining > 0; ) {
      day = next(day);
      if (day > table.to) return "out_of_range";
      if (counts(day)) remaining -= 1;
    }
    return day;
  };
  const between = (counts: (d: LocalDate) => boolean, from: LocalDate, to: LocalDate) => {
    const [first, last] = from <= to ? [from, to] : [to, from];
    let count = 0;
    for (let day = next(first); day <= last; day = next(day)) if (counts(day)) count += 1;
    return from <= to ? count : -count || 0;
  };
  return { works, notHoliday, add, between };
};

const dateIn = (table: CalendarTable) =>
  fc
    .integer({ min: localDateToDayNumber(table.from), max: localDateToDayNumber(table.to) })
    .map(dayNumberToLocalDate);

const expectedFrom = (outcome: string) =>
  outcome === "out_of_range" ? "calendar.out_of_range" : E.right(outcome);

describe("day counting", () => {
  const cn = calendarFor("CN");
  const ru = calendarFor("RU");
  const usCa = calendarFor("US-CA");

  it("skips China's National Day week and counts its working Sunday and Saturday", () => {
    expect(addWorkingDays(cn, "2025-09-26", 1)).toEqual(E.right("2025-09-28"));
    expect(addWorkingDays(cn, "2025-09-26", 4)).toEqual(E.right("2025-10-09"));
    expect(addWorkingDays(cn, "2025-09-26", 6)).toEqual(E.right("2025-10-11"));
    expect(workingDaysBetween(cn, "2025-09-30", "2025-10-11")).toEqual(E.right(3));
  });

  it("skips Russia's New Year holidays but not weekends when excluding holidays", () => {
    expect(addCalendarDaysExcludingHolidays(ru, "2025-12-25", 7)).toEqual(E.right("2026-01-09"));
    expect(addCalendarDaysExcludingHolidays(ru, "2025-12-25", 20)).toEqual(E.right("2026-01-22"));
    expect(calendarDaysExcludingHolidaysBetween(ru, "2025-12-31", "2026-01-10")).toEqual(
      E.right(2),
    );
  });

  it("skips California's observed July 4 when counting working days", () => {
    expect(addWorkingDays(usCa, "2026-07-02", 1)).toEqual(E.right("2026-07-06"));
    expect(workingDaysBetween(usCa, "2026-07-06", "2026-07-02")).toEqual(E.right(-1));
  });

  it("gives the start date back for zero days and counts nothing between a date and itself", () => {
    expect(addWorkingDays(cn, "2025-10-04", 0)).toEqual(E.right("2025-10-04"));
    expect(workingDaysBetween(cn, "2025-10-04", "2025-10-04")).toEqual(E.right(0));
  });

  it("refuses a count that would run past the end of the table with calendar.out_of_range", () => {
    expect(codeOf(addWorkingDays(usCa, "2027-12-20", 30))).toBe("calendar.out_of_range");
    expect(codeOf(workingDaysBetween(usCa, "2027-12-20", "2028-01-10"))).toBe(
      "calendar.out_of_range",
    );
  });

  it("refuses negative or fractional day counts with calendar.invalid_day_count", () => {
    expect(codeOf(addWorkingDays(ru, "2026-03-02", -1))).toBe("calendar.invalid_day_count");
    expect(codeOf(addCalendarDaysExcludingHolidays(ru, "2026-03-02", 1.5))).toBe(
      "calendar.invalid_day_count",
    );
  });

  for (const jurisdiction of JurisdictionSchema.options) {
    const table = CALENDAR_TABLES[jurisdiction];
    const cal = calendarFor(jurisdiction);
    const oracle = oracleFor(table);
    const outcome = (result: E.Either<{ code: string }, string>) =>
      E.isLeft(result) ? result.left.code : result;

    it(`property (${jurisdiction}): addWorkingDays and workingDaysBetween agree with a day-by-day walk`, () => {
      fc.assert(
        fc.property(
          dateIn(table),
          fc.integer({ min: 0, max: 60 }),
          dateIn(table),
          (date, n, other) => {
            expect(outcome(addWorkingDays(cal, date, n))).toEqual(
              expectedFrom(oracle.add(oracle.works, date, n)),
            );
            expect(workingDaysBetween(cal, date, other)).toEqual(
              E.right(oracle.between(oracle.works, date, other)),
            );
          },
        ),
      );
    });

    it(`property (${jurisdiction}): calendar days excluding holidays agree with a day-by-day walk`, () => {
      fc.assert(
        fc.property(
          dateIn(table),
          fc.integer({ min: 0, max: 60 }),
          dateIn(table),
          (date, n, other) => {
            expect(outcome(addCalendarDaysExcludingHolidays(cal, date, n))).toEqual(
              expectedFrom(oracle.add(oracle.notHoliday, date, n)),
            );
            expect(calendarDaysExcludingHolidaysBetween(cal, date, other)).toEqual(
              E.right(oracle.between(oracle.notHoliday, date, other)),
            );
          },
        ),
      );
    });

    it(`property (${jurisdiction}): counting the days between a date and n working days later gives n`, () => {
      fc.assert(
        fc.property(dateIn(table), fc.integer({ min: 0, max: 60 }), (date, n) => {
          const later = addWorkingDays(cal, date, n);
          if (E.isRight(later)) {
            expect(workingDaysBetween(cal, date, later.right)).toEqual(E.right(n));
          }
        }),
      );
    });
  }
});
