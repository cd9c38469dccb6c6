import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { businessCalendar, calendarFor, isPublicHoliday, isWorkingDay } from "./calendar.js";

const codeOf = <A>(result: E.Either<{ code: string }, A>) => E.isLeft(result) && result.left.code;

describe("business calendar", () => {
  const cn = calendarFor("CN");
  const ru = calendarFor("RU");
  const usCa = calendarFor("US-CA");

  it("treats China's 2025 National Day golden week as days off and its adjusted weekends as worked", () => {
    expect(isWorkingDay(cn, "2025-09-28")).toEqual(E.right(true));
    for (let day = 1; day <= 8; day += 1) {
      const date = `2025-10-0${day}`;
      expect(isWorkingDay(cn, date)).toEqual(E.right(false));
      expect(isPublicHoliday(cn, date)).toEqual(E.right(true));
    }
    expect(isWorkingDay(cn, "2025-10-11")).toEqual(E.right(true));
    expect(isWorkingDay(cn, "2025-10-12")).toEqual(E.right(false));
    expect(isPublicHoliday(cn, "2025-10-12")).toEqual(E.right(false));
  });

  it("treats 1–8 January as Russian public holidays", () => {
    for (let day = 1; day <= 8; day += 1) {
      expect(isPublicHoliday(ru, `2026-01-0${day}`)).toEqual(E.right(true));
    }
    expect(isWorkingDay(ru, "2026-01-12")).toEqual(E.right(true));
  });

  it("observes California's July 4, 2026 (a Saturday) on Friday July 3", () => {
    expect(isPublicHoliday(usCa, "2026-07-03")).toEqual(E.right(true));
    expect(isWorkingDay(usCa, "2026-07-03")).toEqual(E.right(false));
    expect(isWorkingDay(usCa, "2026-07-06")).toEqual(E.right(true));
  });

  it("counts a plain Saturday as a day off but not as a public holiday", () => {
    expect(isWorkingDay(usCa, "2025-08-09")).toEqual(E.right(false));
    expect(isPublicHoliday(usCa, "2025-08-09")).toEqual(E.right(false));
  });

  it("refuses dates outside the table with calendar.out_of_range", () => {
    expect(codeOf(isWorkingDay(ru, "2024-12-31"))).toBe("calendar.out_of_range");
    expect(codeOf(isWorkingDay(ru, "2028-01-01"))).toBe("calendar.out_of_range");
    expect(codeOf(isPublicHoliday(cn, "2027-10-01"))).toBe("calendar.out_of_range");
  });

  it("refuses strings that are not calendar dates with calendar.out_of_range", () => {
    expect(codeOf(isWorkingDay(ru, "2025-02-30"))).toBe("calendar.out_of_range");
    expect(codeOf(isWorkingDay(ru, "soon"))).toBe("calendar.out_of_range");
  });

  it("builds an insurer's own calendar from a table", () => {
    const own = businessCalendar({
      jurisdiction: "RU",
      from: "2026-01-01",
      to: "2026-12-31",
      source: "contract annex",
      holidays: [{ date: "2026-04-21", name: "Regional day of remembrance" }],
      workingWeekends: ["2026-04-25"],
    });
    expect(isWorkingDay(own, "2026-04-21")).toEqual(E.right(false));
    expect(isWorkingDay(own, "2026-04-25")).toEqual(E.right(true));
    expect(own.holidays.get("2026-04-21")).toBe("Regional day of remembrance");
  });
});
