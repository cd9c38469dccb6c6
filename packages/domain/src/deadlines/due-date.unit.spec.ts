import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { computeDueAt, extendDueAt, isProvisionalDueAt } from "./due-date.js";

const codeOf = <A>(result: E.Either<{ code: string }, A>) => E.isLeft(result) && result.left.code;

describe("computeDueAt", () => {
  it("ends a day-counted deadline at the last millisecond (UTC) of its last day, not counting the start day", () => {
    expect(
      computeDueAt(
        { unit: "calendar_days", length: 1, jurisdiction: null },
        "2025-03-03T23:00:00Z",
      ),
    ).toEqual(E.right("2025-03-04T23:59:59.999Z"));
  });

  it("uses the UTC date of an instant given with an offset", () => {
    expect(
      computeDueAt(
        { unit: "calendar_days", length: 1, jurisdiction: "RU" },
        "2025-03-04T01:00:00+03:00",
      ),
    ).toEqual(E.right("2025-03-04T23:59:59.999Z"));
  });

  it("adds hours to the millisecond", () => {
    expect(
      computeDueAt({ unit: "hours", length: 24, jurisdiction: null }, "2025-10-01T09:30:00Z"),
    ).toEqual(E.right("2025-10-02T09:30:00.000Z"));
  });

  it("counts working days on the jurisdiction's calendar", () => {
    expect(
      computeDueAt({ unit: "working_days", length: 4, jurisdiction: "CN" }, "2025-09-26T10:00:00Z"),
    ).toEqual(E.right("2025-10-09T23:59:59.999Z"));
  });

  it("refuses calendar-bound units without a jurisdiction with calendar.unknown_jurisdiction", () => {
    const result = computeDueAt(
      { unit: "working_days", length: 5, jurisdiction: null },
      "2025-09-26T10:00:00Z",
    );
    expect(codeOf(result)).toBe("calendar.unknown_jurisdiction");
  });

  it("counts on past the holiday table with weekends only, and says the due date is provisional", () => {
    const term = { unit: "working_days", length: 30, jurisdiction: "CN" } as const;
    // 9 working days left in the 2026 table (21–31 Dec), then 21 weekdays of 2027 (1 Jan counts:
    // the 2027 holidays are not published yet).
    const result = computeDueAt(term, "2026-12-20T10:00:00Z");
    expect(result).toEqual(E.right("2027-01-29T23:59:59.999Z"));
    expect(isProvisionalDueAt(term, "2027-01-29T23:59:59.999Z")).toBe(true);
    expect(isProvisionalDueAt(term, "2026-12-31T23:59:59.999Z")).toBe(false);
    expect(isProvisionalDueAt({ ...term, unit: "calendar_days" }, "2027-01-29T23:59:59.999Z")).toBe(
      false,
    );
  });

  it("refuses a negative length with calendar.invalid_day_count", () => {
    const result = computeDueAt(
      { unit: "hours", length: -1, jurisdiction: null },
      "2025-10-01T09:30:00Z",
    );
    expect(codeOf(result)).toBe("calendar.invalid_day_count");
  });
});

describe("extendDueAt", () => {
  it("extends an hour deadline by the exact paused time", () => {
    const due = extendDueAt(
      { unit: "hours", jurisdiction: null },
      "2025-10-02T09:30:00.000Z",
      "2025-10-01T12:00:00Z",
      "2025-10-01T15:15:00Z",
    );
    expect(due).toEqual(E.right("2025-10-02T12:45:00.000Z"));
  });

  it("extends a working-day deadline by the working days after the pause date up to the resume date", () => {
    // Paused Tue 30 Sep, resumed Sat 11 Oct 2025: 9, 10 and 11 Oct are worked in China.
    const due = extendDueAt(
      { unit: "working_days", jurisdiction: "CN" },
      "2025-10-20T23:59:59.999Z",
      "2025-09-30T15:00:00Z",
      "2025-10-11T08:00:00Z",
    );
    expect(due).toEqual(E.right("2025-10-23T23:59:59.999Z"));
  });

  it("adds nothing for a pause within one day or a resume before the pause", () => {
    const term = { unit: "calendar_days", jurisdiction: null } as const;
    const dueAt = "2025-04-02T23:59:59.999Z";
    expect(extendDueAt(term, dueAt, "2025-03-10T08:00:00Z", "2025-03-10T17:00:00Z")).toEqual(
      E.right(dueAt),
    );
    expect(extendDueAt(term, dueAt, "2025-03-10T08:00:00Z", "2025-03-08T17:00:00Z")).toEqual(
      E.right(dueAt),
    );
  });
});
