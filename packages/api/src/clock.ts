/**
 * Where the application reads the time. The domain never reads a clock; the edge fills a
 * command's `occurredAt` from this one, so tests can fix time.
 *
 * @example
 * ```ts
 * const clock: Clock = fixedClock("2026-03-02T09:00:00.000Z");
 * clock.now(); // "2026-03-02T09:00:00.000Z"
 * ```
 */
export interface Clock {
  /** The current instant, ISO 8601 in UTC with milliseconds. */
  now(): string;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date().toISOString() };

/** A clock stopped at `instant` (for tests and reproducible imports). */
export const fixedClock = (instant: string): Clock => {
  const fixed = new Date(instant).toISOString();
  return { now: () => fixed };
};
