import { type Instant, instantToMs } from "../shared/time.js";
import type { Deadline } from "./deadline.js";

const DAY_MS = 86_400_000;

/**
 * Has this open deadline run out at `now`? True only for an `open` deadline strictly past
 * `dueAt`: it tells a process manager to call `breachDeadline` (once; a deadline already
 * marked `breached` answers false, its status says so). Paused deadlines never breach.
 *
 * @example
 * ```ts
 * isBreached(deadline, "2025-04-03T00:00:00Z"); // true when due at 2025-04-02T23:59:59.999Z
 * ```
 */
export const isBreached = (d: Deadline, now: Instant): boolean =>
  d.status === "open" && instantToMs(now) > instantToMs(d.dueAt);

/**
 * Is an open, not yet breached deadline at least `fraction` (0–1) of the way from
 * `startedAt` to `dueAt`? For dashboards and reminders: `isAtRisk(d, now, 0.8)` flags the last
 * fifth of the window. A resumed deadline's window includes its paused span.
 *
 * @example
 * ```ts
 * isAtRisk(deadline, "2025-03-28T00:00:00Z", 0.8); // true: over 80 % of the 30 days gone
 * ```
 */
export const isAtRisk = (d: Deadline, now: Instant, fraction: number): boolean => {
  if (d.status !== "open") return false;
  const start = instantToMs(d.startedAt);
  const due = instantToMs(d.dueAt);
  const at = instantToMs(now);
  return at <= due && at - start >= fraction * (due - start);
};

/**
 * Calendar days late, a started day counting as a whole one, whatever the deadline's unit:
 * the basis of per-day penalties (OSAGO: 1 % of the amount per day late). Counts up to
 * `metAt` when the stop event came, to `pausedAt` while paused, otherwise to `now`; 0 when
 * not late.
 *
 * @example
 * ```ts
 * // Due 2026-01-22T23:59:59.999Z, paid 2026-01-25T10:00:00Z: late on 23, 24 and 25 January.
 * lateDays(deadline, "2026-01-25T10:00:00Z"); // 3
 * ```
 */
export const lateDays = (d: Deadline, now: Instant): number => {
  const end = d.metAt ?? (d.status === "paused" ? d.pausedAt : null) ?? now;
  const late = instantToMs(end) - instantToMs(d.dueAt);
  return late > 0 ? Math.ceil(late / DAY_MS) : 0;
};
