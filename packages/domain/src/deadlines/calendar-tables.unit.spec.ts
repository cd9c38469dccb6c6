import { describe, expect, it } from "vitest";
import { isoWeekday, LocalDateSchema } from "../shared/time.js";
import { JurisdictionSchema } from "../shared/vocabulary.js";
import { CALENDAR_TABLES } from "./calendar-tables.js";

describe("generated calendar tables", () => {
  for (const jurisdiction of JurisdictionSchema.options) {
    const table = CALENDAR_TABLES[jurisdiction];

    it(`${jurisdiction}: lists valid, sorted, distinct dates inside its range`, () => {
      const dates = [...table.holidays.map((h) => h.date), ...table.workingWeekends];
      for (const date of dates) {
        expect(LocalDateSchema.safeParse(date).success).toBe(true);
        expect(date >= table.from && date <= table.to).toBe(true);
      }
      const holidays = table.holidays.map((h) => h.date);
      expect(holidays).toEqual([...new Set(holidays)].sort());
      expect(table.workingWeekends).toEqual([...new Set(table.workingWeekends)].sort());
    });

    it(`${jurisdiction}: lists only weekends as working weekends, and none of them as holidays`, () => {
      const holidays = new Set(table.holidays.map((h) => h.date));
      for (const date of table.workingWeekends) {
        expect(isoWeekday(date)).toBeGreaterThanOrEqual(6);
        expect(holidays.has(date)).toBe(false);
      }
    });

    it(`${jurisdiction}: names its source package and version`, () => {
      expect(table.jurisdiction).toBe(jurisdiction);
      expect(table.source).toMatch(/(date-holidays|chinese-days)@\d+\.\d+\.\d+/);
      expect(table.from).toBe("2025-01-01");
    });
  }

  it("covers 2025–2027 for RU and US-CA, and CN only as far as its State Council schedule is published", () => {
    expect(CALENDAR_TABLES.RU.to).toBe("2027-12-31");
    expect(CALENDAR_TABLES["US-CA"].to).toBe("2027-12-31");
    expect(CALENDAR_TABLES.CN.to >= "2026-12-31").toBe(true);
  });
});
