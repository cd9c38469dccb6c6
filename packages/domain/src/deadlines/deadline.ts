import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import { z } from "zod";
import { type DomainError, domainError } from "../shared/errors.js";
import { IdSchema } from "../shared/ids.js";
import {
  type Instant,
  InstantSchema,
  isBefore,
  type LocalDate,
  LocalDateSchema,
} from "../shared/time.js";
import { JurisdictionSchema } from "../shared/vocabulary.js";
import { type CalendarLookup, calendarFor } from "./calendar.js";
import { DeadlineKindSchema, type DeadlineRule, DeadlineUnitSchema } from "./deadline-rule.js";
import { computeDueAt, extendDueAt, isProvisionalDueAt, recountDueAt } from "./due-date.js";

// The end of the jurisdiction's table when `dueAt` lies past it (provisional), else `null`.
const tableEndFor = (
  term: Pick<Deadline, "unit" | "jurisdiction">,
  dueAt: Instant,
  calendars: CalendarLookup,
): LocalDate | null =>
  term.jurisdiction !== null && isProvisionalDueAt(term, dueAt, calendars)
    ? calendars(term.jurisdiction).to
    : null;

/**
 * Where a deadline stands. `open` runs, `paused` waits (e.g. for documents) and never
 * breaches, `met` was stopped by its stop event in time, `breached` ran out.
 */
export const DeadlineStatusSchema = z.enum(["open", "paused", "met", "breached"]);
/** Where a deadline stands; see {@link DeadlineStatusSchema}. */
export type DeadlineStatus = z.infer<typeof DeadlineStatusSchema>;

/**
 * One running deadline on a claim, started from a {@link DeadlineRule}. It carries the rule's
 * term (kind, unit, length, jurisdiction) so it can be judged without the rule at hand.
 *
 * `metAt` is also set on a `breached` deadline whose stop event came late: the status stays
 * `breached` (it was missed), and `metAt` ends the count of late days.
 */
export const DeadlineSchema = z
  .object({
    id: IdSchema,
    ruleId: IdSchema,
    kind: DeadlineKindSchema,
    unit: DeadlineUnitSchema,
    length: z.number().int().positive(),
    jurisdiction: JurisdictionSchema.nullable(),
    /**
     * `true`: `dueAt` was counted past the end of the jurisdiction's holiday table, with
     * weekends only there; a holiday published later may move it. Absent: exact.
     */
    provisional: z.boolean().optional(),
    /** With `provisional`: the last date of the holiday table it was counted against. */
    tableEnd: LocalDateSchema.optional(),
    startedAt: InstantSchema,
    dueAt: InstantSchema,
    status: DeadlineStatusSchema,
    pausedAt: InstantSchema.nullable(),
    metAt: InstantSchema.nullable(),
    breachedAt: InstantSchema.nullable(),
  })
  .strict();
/** One running deadline; see {@link DeadlineSchema}. */
export type Deadline = z.infer<typeof DeadlineSchema>;

const notOpen = (d: Deadline, action: string): DomainError =>
  domainError("claim.deadline_not_open", `Cannot ${action} deadline ${d.id}: it is ${d.status}`, {
    deadlineId: d.id,
    status: d.status,
  });

/**
 * Starts a deadline from a rule at the instant of its start event.
 *
 * @example
 * ```ts
 * const d = startDeadline(DEADLINE_PRESETS["cn.decision_30d"], "dl-1", "2025-03-03T10:00:00Z");
 * // right({ status: "open", dueAt: "2025-04-02T23:59:59.999Z", … })
 * ```
 */
export const startDeadline = (
  rule: DeadlineRule,
  id: string,
  startedAt: Instant,
  calendars: CalendarLookup = calendarFor,
): E.Either<DomainError, Deadline> =>
  pipe(
    computeDueAt(rule, startedAt, calendars),
    E.map((dueAt) =>
      withTableEnd(
        {
          id,
          ruleId: rule.id,
          kind: rule.kind,
          unit: rule.unit,
          length: rule.length,
          jurisdiction: rule.jurisdiction,
          startedAt,
          dueAt,
          status: "open" as const,
          pausedAt: null,
          metAt: null,
          breachedAt: null,
        },
        tableEndFor(rule, dueAt, calendars),
      ),
    ),
  );

/**
 * Stops the clock of an open deadline, e.g. while waiting for documents. An open deadline
 * that has already run out at `at` cannot be paused: breach it instead.
 */
export const pauseDeadline = (d: Deadline, at: Instant): E.Either<DomainError, Deadline> => {
  if (d.status !== "open") return E.left(notOpen(d, "pause"));
  if (isBefore(d.dueAt, at)) {
    return E.left(
      domainError("claim.deadline_not_open", `Deadline ${d.id} ran out at ${d.dueAt}`, {
        deadlineId: d.id,
        dueAt: d.dueAt,
      }),
    );
  }
  return E.right({ ...d, status: "paused", pausedAt: at });
};

/**
 * Restarts a paused deadline and moves `dueAt` on by the paused span in the deadline's unit:
 * exact time for hours, counted days after the pause date up to the resume date for day units
 * (working days for `working_days`, and so on).
 *
 * @example
 * ```ts
 * // Paused Monday, resumed Wednesday: two more days.
 * resumeDeadline(pausedDeadline, "2025-03-12T09:00:00Z");
 * ```
 */
export const resumeDeadline = (
  d: Deadline,
  at: Instant,
  calendars: CalendarLookup = calendarFor,
): E.Either<DomainError, Deadline> => {
  if (d.status !== "paused" || d.pausedAt === null) return E.left(notOpen(d, "resume"));
  return pipe(
    extendDueAt(d, d.dueAt, d.pausedAt, at, calendars),
    E.map((dueAt) => ({
      ...withTableEnd(d, tableEndFor(d, dueAt, calendars)),
      status: "open" as const,
      dueAt,
      pausedAt: null,
    })),
  );
};

/**
 * Records the stop event. An open or paused deadline becomes `met`, even when the stop event
 * comes after `dueAt` but before anyone breached it (`lateDays` shows the lateness). A
 * breached deadline stays `breached` and gets `metAt`, which ends its late days.
 */
export const meetDeadline = (d: Deadline, at: Instant): E.Either<DomainError, Deadline> => {
  if (d.status === "met" || (d.status === "breached" && d.metAt !== null)) {
    return E.left(notOpen(d, "meet"));
  }
  return E.right(
    d.status === "breached" ? { ...d, metAt: at } : { ...d, status: "met", metAt: at },
  );
};

/**
 * Marks an open deadline as breached. Left with `claim.deadline_not_due` when `at` is not
 * after `dueAt`, `claim.deadline_not_open` when it is not open (paused deadlines never breach).
 */
export const breachDeadline = (d: Deadline, at: Instant): E.Either<DomainError, Deadline> => {
  if (d.status !== "open") return E.left(notOpen(d, "breach"));
  if (!isBefore(d.dueAt, at)) {
    return E.left(
      domainError("claim.deadline_not_due", `Deadline ${d.id} is due at ${d.dueAt}, not yet`, {
        deadlineId: d.id,
        dueAt: d.dueAt,
        at,
      }),
    );
  }
  return E.right({ ...d, status: "breached", breachedAt: at });
};

/**
 * The deadline marked provisional, counted against the table ending `tableEnd`, or exact
 * (`null`): the one place that sets or clears `provisional` and `tableEnd` together.
 */
export const withTableEnd = (d: Deadline, tableEnd: LocalDate | null): Deadline => {
  const { provisional: _provisional, tableEnd: _end, ...exact } = d;
  return tableEnd === null ? exact : { ...exact, provisional: true, tableEnd };
};

/**
 * The last date of the table a provisional deadline was counted against; `null` when it is
 * exact. Deadlines recorded before `tableEnd` existed were counted against the shipped table.
 */
export const tableEndOf = (
  d: Pick<Deadline, "provisional" | "tableEnd" | "jurisdiction">,
): LocalDate | null =>
  d.provisional !== true || d.jurisdiction === null
    ? null
    : (d.tableEnd ?? calendarFor(d.jurisdiction).to);

/**
 * A provisional deadline counted again once its jurisdiction's table reaches further than the
 * one it was counted against ({@link recountDueAt}); `undefined` when there is nothing to
 * recount (exact, finished, or the table has not grown since).
 */
export const recomputeDeadline = (
  d: Deadline,
  calendars: CalendarLookup,
): E.Either<DomainError, Deadline | undefined> => {
  const tableEnd = tableEndOf(d);
  if (tableEnd === null || d.jurisdiction === null) return E.right(undefined);
  if (d.status !== "open" && d.status !== "paused") return E.right(undefined);
  if (calendars(d.jurisdiction).to <= tableEnd) return E.right(undefined);
  return pipe(
    recountDueAt(d, tableEnd, calendars),
    E.map((dueAt) => ({ ...withTableEnd(d, tableEndFor(d, dueAt, calendars)), dueAt })),
  );
};
