import { addCalendarDays, type LocalDate } from "@claimstream/domain";

/**
 * The first instant after a business date (UTC): facts dated on `date` are those with
 * `occurredAt` before it. Analytics treat a business date as a whole UTC day, inclusive.
 *
 * @example
 * ```ts
 * endOfBusinessDate("2026-03-31"); // "2026-04-01T00:00:00.000Z"
 * ```
 */
export const endOfBusinessDate = (date: LocalDate): string =>
  `${addCalendarDays(date, 1)}T00:00:00.000Z`;

/** The first instant of a business date (UTC). */
export const startOfBusinessDate = (date: LocalDate): string => `${date}T00:00:00.000Z`;

/** ISO 8601 text of a `timestamptz` value read back (a `Date`), or `null`. */
export const toInstant = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();
