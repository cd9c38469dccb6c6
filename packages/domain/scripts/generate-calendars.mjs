/**
 * Generates the business-calendar tables in `src/deadlines/data/*.json` from holiday packages,
 * so no holiday table is ever typed by hand. Run with `npm run generate:calendars -w
 * @claimstream/domain` after bumping `date-holidays` or `chinese-days`, then review the diff.
 *
 * Sources:
 * - CN: `chinese-days` (State Council schedule: days off and the adjusted working weekends 调休).
 * - RU: `date-holidays` (statutory non-working holidays, Labour Code art. 112 part 1).
 * - US-CA: `date-holidays` (US federal + California state public holidays, observed dates).
 *
 * A table covers only the years its package actually has data for; the `to` field says where
 * it ends, and the domain refuses to count past it (`calendar.out_of_range`).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import chineseDays from "chinese-days";
import Holidays from "date-holidays";

const FIRST_YEAR = 2025;
const LAST_YEAR = 2027;
const DAY_MS = 86_400_000;

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "..", "src", "deadlines", "data");
const require = createRequire(import.meta.url);

const packageVersion = (name) => {
  const manifest = require.resolve(`${name}/package.json`);
  return JSON.parse(readFileSync(manifest, "utf8")).version;
};

const dayNumber = (date) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const dateOf = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const isWeekend = (date) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

function* datesBetween(from, to) {
  for (let day = dayNumber(from); day <= dayNumber(to); day += 1) yield dateOf(day);
}

const byDate = (a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/** One entry per date; two holidays on one date keep both names. */
const mergeSameDate = (holidays) => {
  const names = new Map();
  for (const { date, name } of holidays) {
    const known = names.get(date);
    if (known === undefined) names.set(date, name);
    else if (!known.split(" / ").includes(name)) names.set(date, `${known} / ${name}`);
  }
  return [...names].map(([date, name]) => ({ date, name })).sort(byDate);
};

/** Public holidays from date-holidays, multi-day entries expanded to one row per day. */
const dateHolidaysDaysOff = (holidays, from, to) => {
  const rows = [];
  for (let year = Number(from.slice(0, 4)) - 1; year <= Number(to.slice(0, 4)) + 1; year += 1) {
    for (const holiday of holidays.getHolidays(year)) {
      if (holiday.type !== "public") continue;
      const first = holiday.date.slice(0, 10);
      const length = Math.max(1, Math.round((holiday.end - holiday.start) / DAY_MS));
      for (let offset = 0; offset < length; offset += 1) {
        const date = dateOf(dayNumber(first) + offset);
        if (date >= from && date <= to) rows.push({ date, name: holiday.name });
      }
    }
  }
  return mergeSameDate(rows);
};

/** chinese-days names a holiday day `"English,中文,n"`; ordinary days are named by weekday. */
const chineseHolidayName = (detail) => {
  const parts = detail.name.split(",");
  return parts.length === 3 ? parts[0] : undefined;
};

const chinaCalendar = () => {
  const from = `${FIRST_YEAR}-01-01`;
  const coveredYears = [];
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year += 1) {
    const hasSchedule = [...datesBetween(`${year}-01-01`, `${year}-12-31`)].some(
      (date) => chineseHolidayName(chineseDays.getDayDetail(date)) !== undefined,
    );
    if (!hasSchedule) break;
    coveredYears.push(year);
  }
  const lastYear = coveredYears.at(-1);
  if (lastYear === undefined) throw new Error(`chinese-days has no schedule for ${FIRST_YEAR}`);
  const to = `${lastYear}-12-31`;
  const holidays = [];
  const workingWeekends = [];
  for (const date of datesBetween(from, to)) {
    const detail = chineseDays.getDayDetail(date);
    const name = chineseHolidayName(detail);
    if (!detail.work && name !== undefined) holidays.push({ date, name });
    if (detail.work && isWeekend(date)) workingWeekends.push(date);
  }
  const version = packageVersion("chinese-days");
  const missing =
    lastYear < LAST_YEAR
      ? ` chinese-days@${version} has no State Council schedule after ${lastYear} (the next year's is announced each November), so this table ends at ${to}.`
      : "";
  return {
    jurisdiction: "CN",
    from,
    to,
    source: `chinese-days@${version}: State Council holiday schedule, days off and adjusted working weekends (调休).${missing}`,
    holidays: mergeSameDate(holidays),
    workingWeekends,
  };
};

const russiaCalendar = () => {
  const from = `${FIRST_YEAR}-01-01`;
  const to = `${LAST_YEAR}-12-31`;
  const holidays = new Holidays("RU", { languages: ["en"], types: ["public"] });
  return {
    jurisdiction: "RU",
    from,
    to,
    source: `date-holidays@${packageVersion("date-holidays")} (RU, type public): the non-working public holidays of Labour Code art. 112 part 1 (Jan 1-8, Feb 23, Mar 8, May 1, May 9, Jun 12, Nov 4) plus the weekend transfers date-holidays encodes (Mar 8 on a Sunday moves to Monday). Limitation: no package available to this project (date-holidays, chinese-days, nor any Russian production-calendar package on npm) has the day-off transfers and transferred working Saturdays set each year by Government decree, so workingWeekends is empty and decree-transferred days off are absent; working-day counts can be off by those days.`,
    holidays: dateHolidaysDaysOff(holidays, from, to),
    workingWeekends: [],
  };
};

const californiaCalendar = () => {
  const from = `${FIRST_YEAR}-01-01`;
  const to = `${LAST_YEAR}-12-31`;
  const holidays = new Holidays("US", "CA", { languages: ["en-us"], types: ["public"] });
  return {
    jurisdiction: "US-CA",
    from,
    to,
    source: `date-holidays@${packageVersion("date-holidays")} (US, state CA, type public): federal and California state public holidays that are days off, with observed dates (a holiday on a Saturday is observed on the Friday before, on a Sunday on the Monday after; both dates are listed). The US has no working weekends.`,
    holidays: dateHolidaysDaysOff(holidays, from, to),
    workingWeekends: [],
  };
};

mkdirSync(outDir, { recursive: true });
for (const [file, calendar] of [
  ["cn.json", chinaCalendar()],
  ["ru.json", russiaCalendar()],
  ["us-ca.json", californiaCalendar()],
]) {
  writeFileSync(join(outDir, file), `${JSON.stringify(calendar, null, 2)}\n`);
  console.log(
    `${file}: ${calendar.from}..${calendar.to}, ${calendar.holidays.length} holidays, ${calendar.workingWeekends.length} working weekends`,
  );
}
