/** Milliseconds in a minute: the demo clock counts in epoch milliseconds. */
export const MINUTE_MS = 60_000;
/** Milliseconds in an hour. */
export const HOUR_MS = 3_600_000;
/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** ISO 8601 UTC text of an epoch-milliseconds value. */
export const isoOf = (ms: number): string => new Date(ms).toISOString();

/** The UTC date (`YYYY-MM-DD`) of an epoch-milliseconds value. */
export const dateOf = (ms: number): string => isoOf(ms).slice(0, 10);

/** Midnight UTC of a `YYYY-MM-DD` date, in epoch milliseconds. */
export const msOfDate = (date: string): number => Date.parse(`${date}T00:00:00.000Z`);

/** `date` plus `days` calendar days. */
export const plusDays = (date: string, days: number): string =>
  dateOf(msOfDate(date) + days * DAY_MS);

/** Rounds up to the next whole minute (a scheduler or a person acts on minutes, not millis). */
export const ceilMinute = (ms: number): number => Math.ceil(ms / MINUTE_MS) * MINUTE_MS;
