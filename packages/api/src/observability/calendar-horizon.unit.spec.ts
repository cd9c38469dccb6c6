import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.js";
import { fixedClock } from "../clock.js";
import { CALENDAR_WARNING_DAYS, calendarDaysLeft, calendarWarning } from "./calendar-horizon.js";

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe("holiday tables' horizon", () => {
  it("counts the days left to each table's end and warns within 60 days", () => {
    // The shipped CN table ends 2026-12-31; RU and US-CA a year later.
    expect(calendarDaysLeft(fixedClock("2026-10-01T00:00:00Z")).CN).toBe(91);
    expect(calendarWarning(fixedClock("2026-10-01T00:00:00Z"))).toBeUndefined();
    const soon = calendarWarning(fixedClock("2026-12-07T09:00:00Z"));
    expect(soon).toContain("CN ends 2026-12-31 (in 24 days)");
    expect(soon).not.toContain("RU");
    expect(calendarWarning(fixedClock("2027-01-05T09:00:00Z"))).toContain("CN ended 2026-12-31");
    expect(CALENDAR_WARNING_DAYS).toBe(60);
  });

  it("keeps /ready ready with a warning, and reports the days left as a metric", async () => {
    t = await createTestApp({ clock: fixedClock("2026-12-07T09:00:00Z") });
    const ready = await t.app.inject({ method: "GET", url: "/ready" });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      status: "ready",
      checks: { calendars: "ok" },
      warnings: { calendars: expect.stringContaining("CN ends 2026-12-31") },
    });
    const metrics = await t.app.inject({ method: "GET", url: "/metrics" });
    expect(metrics.body).toContain('claimstream_calendar_table_days_left{jurisdiction="CN"} 24');
  });
});
