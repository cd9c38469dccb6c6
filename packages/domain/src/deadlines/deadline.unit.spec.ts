import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  businessCalendar,
  type CalendarLookup,
  calendarFor,
  extendCalendarTable,
} from "./calendar.js";
import { CALENDAR_TABLES } from "./calendar-tables.js";
import {
  breachDeadline,
  type Deadline,
  DeadlineSchema,
  meetDeadline,
  pauseDeadline,
  recomputeDeadline,
  resumeDeadline,
  startDeadline,
} from "./deadline.js";
import { DEADLINE_PRESETS } from "./presets.js";

const codeOf = <A>(result: E.Either<{ code: string }, A>) => E.isLeft(result) && result.left.code;

const rightOf = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`expected right, got ${JSON.stringify(result.left)}`);
  return result.right;
};

/** CN decision: documents complete Monday 3 March 2025, due end of 2 April. */
const decision = (): Deadline =>
  rightOf(startDeadline(DEADLINE_PRESETS["cn.decision_30d"], "dl-1", "2025-03-03T10:00:00Z"));

describe("deadline lifecycle", () => {
  it("starts open with the rule's term and a computed due date, and fits DeadlineSchema", () => {
    const d = decision();
    expect(d).toEqual({
      id: "dl-1",
      ruleId: "cn.decision_30d",
      kind: "decision",
      unit: "calendar_days",
      length: 30,
      jurisdiction: "CN",
      startedAt: "2025-03-03T10:00:00Z",
      dueAt: "2025-04-02T23:59:59.999Z",
      status: "open",
      pausedAt: null,
      metAt: null,
      breachedAt: null,
    });
    expect(DeadlineSchema.parse(d)).toEqual(d);
  });

  it("moves the due date on by the days it was paused", () => {
    const paused = rightOf(pauseDeadline(decision(), "2025-03-10T09:00:00Z"));
    expect(paused).toMatchObject({ status: "paused", pausedAt: "2025-03-10T09:00:00Z" });
    const resumed = rightOf(resumeDeadline(paused, "2025-03-12T16:00:00Z"));
    expect(resumed).toMatchObject({
      status: "open",
      pausedAt: null,
      dueAt: "2025-04-04T23:59:59.999Z",
    });
  });

  it("moves a 30-working-day repair deadline on by the Russian working days paused", () => {
    const repair = rightOf(
      startDeadline(DEADLINE_PRESETS["ru.osago_repair_30wd"], "dl-2", "2026-02-16T10:00:00Z"),
    );
    expect(repair.dueAt).toBe("2026-04-01T23:59:59.999Z");
    // Paused Fri 20 Feb, resumed Wed 25 Feb: Mon 23 Feb is a holiday, so 24 and 25 count.
    const paused = rightOf(pauseDeadline(repair, "2026-02-20T12:00:00Z"));
    const resumed = rightOf(resumeDeadline(paused, "2026-02-25T09:00:00Z"));
    expect(resumed.dueAt).toBe("2026-04-03T23:59:59.999Z");
  });

  it("marks a deadline provisional when it is counted past its calendar's table, and exact within", () => {
    const rule = {
      ...DEADLINE_PRESETS["cn.payment_10d"],
      unit: "working_days" as const,
      length: 10,
    };
    const within = rightOf(startDeadline(rule, "dl-3", "2026-11-02T10:00:00Z"));
    expect(within.provisional).toBeUndefined();
    // The CN table ends 2026-12-31: counting into 2027 does not refuse the command any more.
    const past = rightOf(startDeadline(rule, "dl-4", "2026-12-28T10:00:00Z"));
    // 29–31 Dec, then 1 Jan (the 2027 holidays are not published yet), 4–8 and 11 Jan.
    expect(past).toMatchObject({
      provisional: true,
      tableEnd: "2026-12-31",
      dueAt: "2027-01-11T23:59:59.999Z",
    });
    expect(DeadlineSchema.safeParse(past).success).toBe(true);
  });

  describe("once the table is extended", () => {
    const rule = {
      ...DEADLINE_PRESETS["cn.payment_10d"],
      unit: "working_days" as const,
      length: 10,
    };
    // The 2027 schedule: 1 Jan off, and (say) Monday 4 Jan too, with Sunday 10 Jan worked.
    const extended = rightOf(
      extendCalendarTable(CALENDAR_TABLES.CN, {
        jurisdiction: "CN",
        from: "2027-01-01",
        to: "2027-12-31",
        source: "State Council notice (test)",
        holidays: [
          { date: "2027-01-01", name: "New Year's Day" },
          { date: "2027-01-04", name: "New Year bridge" },
        ],
        workingWeekends: ["2027-01-10"],
      }),
    );
    const lookup: CalendarLookup = (j) =>
      j === "CN" ? businessCalendar(extended) : calendarFor(j);

    it("counts a provisional deadline again on the longer table, once", () => {
      const past = rightOf(startDeadline(rule, "dl-5", "2026-12-28T10:00:00Z"));
      const again = rightOf(recomputeDeadline(past, lookup));
      // 29–31 Dec, then 5–8 Jan, Sunday 10 and Monday 11, 12 Jan: ten working days.
      expect(again).toMatchObject({ dueAt: "2027-01-12T23:59:59.999Z", status: "open" });
      expect(again?.provisional).toBeUndefined();
      expect(again?.tableEnd).toBeUndefined();
      expect(rightOf(recomputeDeadline(again as Deadline, lookup))).toBeUndefined();
      // Nothing to do on the table it was counted against.
      expect(rightOf(recomputeDeadline(past, calendarFor))).toBeUndefined();
    });

    it("keeps the days a pause added", () => {
      const started = rightOf(startDeadline(rule, "dl-6", "2026-12-21T10:00:00Z"));
      const paused = rightOf(pauseDeadline(started, "2026-12-22T10:00:00Z"));
      const resumed = rightOf(resumeDeadline(paused, "2026-12-24T10:00:00Z"));
      // 10 working days from 21 Dec plus 23 and 24 Dec paused: 12 counted days.
      expect(resumed).toMatchObject({ provisional: true, dueAt: "2027-01-06T23:59:59.999Z" });
      const again = rightOf(recomputeDeadline(resumed, lookup));
      // 22–24, 25, 28–31 Dec (8), then 5, 6, 7, 8 Jan: still 12 counted days.
      expect(again?.dueAt).toBe("2027-01-08T23:59:59.999Z");
    });

    it("refuses an extension that leaves a gap, does not extend, or lists days outside it", () => {
      const base = CALENDAR_TABLES.CN;
      const extension = { ...base, from: "2027-01-01", to: "2027-12-31", source: "x" };
      const refused = [
        { ...extension, from: "2027-01-02" },
        { ...extension, to: base.to },
        { ...extension, jurisdiction: "RU" as const },
        { ...extension, holidays: [{ date: "2028-01-01", name: "late" }], workingWeekends: [] },
        { ...extension, holidays: [], workingWeekends: ["2027-01-05"] },
      ];
      for (const candidate of refused) {
        expect(codeOf(extendCalendarTable(base, candidate))).toBe("calendar.invalid_extension");
      }
    });
  });

  it("refuses to pause a deadline that already ran out", () => {
    expect(codeOf(pauseDeadline(decision(), "2025-04-03T00:00:00Z"))).toBe(
      "claim.deadline_not_open",
    );
  });

  it("refuses to resume an open deadline or pause a paused one with claim.deadline_not_open", () => {
    expect(codeOf(resumeDeadline(decision(), "2025-03-10T09:00:00Z"))).toBe(
      "claim.deadline_not_open",
    );
    const paused = rightOf(pauseDeadline(decision(), "2025-03-10T09:00:00Z"));
    expect(codeOf(pauseDeadline(paused, "2025-03-11T09:00:00Z"))).toBe("claim.deadline_not_open");
    expect(codeOf(breachDeadline(paused, "2025-05-01T00:00:00Z"))).toBe("claim.deadline_not_open");
  });

  it("meets an open or paused deadline once", () => {
    const met = rightOf(meetDeadline(decision(), "2025-03-20T10:00:00Z"));
    expect(met).toMatchObject({ status: "met", metAt: "2025-03-20T10:00:00Z" });
    expect(codeOf(meetDeadline(met, "2025-03-21T10:00:00Z"))).toBe("claim.deadline_not_open");
    const paused = rightOf(pauseDeadline(decision(), "2025-03-10T09:00:00Z"));
    expect(rightOf(meetDeadline(paused, "2025-03-11T09:00:00Z")).status).toBe("met");
  });

  it("breaches an open deadline only after it is due", () => {
    expect(codeOf(breachDeadline(decision(), "2025-04-02T23:59:59.999Z"))).toBe(
      "claim.deadline_not_due",
    );
    const breached = rightOf(breachDeadline(decision(), "2025-04-03T00:00:00Z"));
    expect(breached).toMatchObject({ status: "breached", breachedAt: "2025-04-03T00:00:00Z" });
    expect(codeOf(breachDeadline(breached, "2025-04-04T00:00:00Z"))).toBe(
      "claim.deadline_not_open",
    );
  });

  it("keeps a breached deadline breached when its stop event comes late, recording when", () => {
    const breached = rightOf(breachDeadline(decision(), "2025-04-03T00:00:00Z"));
    const metLate = rightOf(meetDeadline(breached, "2025-04-07T10:00:00Z"));
    expect(metLate).toMatchObject({ status: "breached", metAt: "2025-04-07T10:00:00Z" });
    expect(codeOf(meetDeadline(metLate, "2025-04-08T10:00:00Z"))).toBe("claim.deadline_not_open");
  });
});
