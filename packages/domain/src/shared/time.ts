import { z } from "zod";

/**
 * An instant as ISO 8601 text with a UTC offset, e.g. `"2026-03-01T09:30:00Z"`.
 * The domain never reads a clock: every instant arrives in a command.
 */
export const InstantSchema = z.iso.datetime({ offset: true });
export type Instant = z.infer<typeof InstantSchema>;

/** A calendar date without time, `"YYYY-MM-DD"` (loss dates, policy periods, holidays). */
export const LocalDateSchema = z.iso.date();
export type LocalDate = z.infer<typeof LocalDateSchema>;

const DAY_MS = 86_400_000;

/** Milliseconds since the epoch of an instant. */
export const instantToMs = (instant: Instant): number => Date.parse(instant);

/** The canonical UTC ISO text of an epoch-milliseconds value. */
export const msToInstant = (ms: number): Instant => new Date(ms).toISOString();

/** The UTC calendar date of an instant. */
export const instantToLocalDate = (instant: Instant): LocalDate =>
  new Date(Date.parse(instant)).toISOString().slice(0, 10);

/** Days since 1970-01-01 of a local date (UTC-based day count, no time zones involved). */
export const localDateToDayNumber = (date: LocalDate): number =>
  Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/** The local date of a day number (inverse of {@link localDateToDayNumber}). */
export const dayNumberToLocalDate = (day: number): LocalDate =>
  new Date(day * DAY_MS).toISOString().slice(0, 10);

/** `date` plus `days` calendar days. */
export const addCalendarDays = (date: LocalDate, days: number): LocalDate =>
  dayNumberToLocalDate(localDateToDayNumber(date) + days);

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: LocalDate, to: LocalDate): number =>
  localDateToDayNumber(to) - localDateToDayNumber(from);

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export const isoWeekday = (date: LocalDate): number => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};

/** Is instant `a` strictly before instant `b`? */
export const isBefore = (a: Instant, b: Instant): boolean => instantToMs(a) < instantToMs(b);
