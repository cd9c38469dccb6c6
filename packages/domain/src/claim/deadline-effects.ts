import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import { type CalendarLookup, calendarFor } from "../deadlines/calendar.js";
import {
  type Deadline,
  recomputeDeadline,
  resumeDeadline,
  startDeadline,
} from "../deadlines/deadline.js";
import { isAtRisk, isBreached } from "../deadlines/deadline-clock.js";
import type { DeadlineRule } from "../deadlines/deadline-rule.js";
import { type DomainError, domainError } from "../shared/errors.js";
import type { ClaimCommandOf } from "./commands.js";
import type { ClaimEvent } from "./events.js";
import { evolveClaim } from "./evolve.js";
import { type ClaimDecision, OPEN, requireStatus, stamp } from "./guards.js";
import type { ClaimState } from "./state.js";

const running = (d: Deadline) => d.status === "open" || d.status === "paused";

const runningOf = (state: ClaimState, ruleId: string) =>
  Object.values(state.deadlines).filter((d) => d.ruleId === ruleId && running(d));

const stopsEverything = (event: ClaimEvent) =>
  event.type === "ClaimClosed" && (event.outcome === "withdrawn" || event.outcome === "duplicate");

const head = (event: ClaimEvent) => ({ schemaVersion: 1, occurredAt: event.occurredAt }) as const;

/** The deadline events one rule derives from one event, given the state before it. */
const effectsOfRule = (
  rule: DeadlineRule,
  state: ClaimState,
  event: ClaimEvent,
  calendars: CalendarLookup,
): E.Either<DomainError, ClaimEvent[]> => {
  const effects: ClaimEvent[] = [];
  const active = runningOf(state, rule.id);
  const at = event.occurredAt;
  if (rule.stopsOn.includes(event.type) || stopsEverything(event)) {
    for (const d of active) {
      effects.push({
        type: "DeadlineMet",
        ...head(event),
        deadlineId: d.id,
        onTime: at <= d.dueAt,
      });
    }
    return E.right(effects);
  }
  for (const d of active) {
    if (d.status === "open" && rule.pausesOn?.includes(event.type)) {
      effects.push({
        type: "DeadlinePaused",
        ...head(event),
        deadlineId: d.id,
        reason: event.type,
      });
    }
    if (d.status === "paused" && rule.resumesOn?.includes(event.type)) {
      const resumed = resumeDeadline(d, at, calendars);
      if (E.isLeft(resumed)) return resumed;
      effects.push({
        type: "DeadlineResumed",
        ...head(event),
        deadlineId: d.id,
        dueAt: resumed.right.dueAt,
        tableEnd: resumed.right.tableEnd ?? null,
      });
    }
  }
  if (rule.startsOn.includes(event.type) && active.length === 0) {
    const count = Object.values(state.deadlines).filter((d) => d.ruleId === rule.id).length;
    return pipe(
      startDeadline(rule, `${rule.id}-${count + 1}`, at, calendars),
      E.map((deadline): ClaimEvent[] => [
        ...effects,
        { type: "DeadlineStarted", ...head(event), deadline },
      ]),
    );
  }
  return E.right(effects);
};

/**
 * Appends the deadline events that `events` cause under `rules`: a rule's start event opens a
 * deadline, its stop events meet it, pause/resume events pause and extend it. Closing a claim as
 * withdrawn or duplicate stops every running deadline. Later events see earlier effects.
 */
export const withDeadlineEffects = (
  rules: readonly DeadlineRule[],
  state: ClaimState,
  events: readonly ClaimEvent[],
  calendars: CalendarLookup = calendarFor,
): ClaimDecision => {
  let current = state;
  const out: ClaimEvent[] = [];
  const apply = (e: ClaimEvent) => {
    out.push(e);
    current = evolveClaim(current, e);
  };
  for (const event of events) {
    apply(event);
    for (const rule of rules) {
      const effects = effectsOfRule(rule, current, event, calendars);
      if (E.isLeft(effects)) return effects;
      effects.right.forEach(apply);
    }
  }
  return E.right(out);
};

const findDeadline = (state: ClaimState, deadlineId: string): E.Either<DomainError, Deadline> => {
  const deadline = state.deadlines[deadlineId];
  return deadline
    ? E.right(deadline)
    : E.left(domainError("claim.deadline_not_found", `No deadline ${deadlineId}`, { deadlineId }));
};

const notOpen = (d: Deadline) =>
  domainError("claim.deadline_not_open", `Deadline ${d.id} is ${d.status}`, {
    deadlineId: d.id,
    status: d.status,
  });

type DeadlineCommand = ClaimCommandOf<
  "PauseDeadline" | "ResumeDeadline" | "MarkDeadlineBreached" | "FlagDeadlineAtRisk"
>;

const deadlineOf = (command: DeadlineCommand, state: ClaimState) =>
  pipe(
    requireStatus(state, command, [...OPEN, "closed"]),
    E.chain(() => findDeadline(state, command.deadlineId)),
  );

/** Pauses an open deadline (e.g. waiting for documents from the claimant). */
export const decidePauseDeadline = (
  command: ClaimCommandOf<"PauseDeadline">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    deadlineOf(command, state),
    E.filterOrElse((d) => d.status === "open", notOpen),
    E.map((d) => [
      {
        type: "DeadlinePaused",
        ...stamp(command),
        deadlineId: d.id,
        reason: command.reason ?? null,
      },
    ]),
  );

/** Resumes a paused deadline; its due time moves by the paused span. */
export const decideResumeDeadline = (
  command: ClaimCommandOf<"ResumeDeadline">,
  state: ClaimState,
  calendars: CalendarLookup = calendarFor,
): ClaimDecision =>
  pipe(
    deadlineOf(command, state),
    E.filterOrElse((d) => d.status === "paused", notOpen),
    E.chain((d) => resumeDeadline(d, command.occurredAt, calendars)),
    E.map((d) => [
      {
        type: "DeadlineResumed",
        ...stamp(command),
        deadlineId: d.id,
        dueAt: d.dueAt,
        tableEnd: d.tableEnd ?? null,
      },
    ]),
  );

/** Records a breach, only once the deadline has really run out at `occurredAt`. */
export const decideMarkBreached = (
  command: ClaimCommandOf<"MarkDeadlineBreached">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    deadlineOf(command, state),
    E.filterOrElse((d) => d.status === "open", notOpen),
    E.filterOrElse(
      (d) => isBreached(d, command.occurredAt),
      (d) =>
        domainError("claim.deadline_not_due", `Deadline ${d.id} is due at ${d.dueAt}`, {
          deadlineId: d.id,
          dueAt: d.dueAt,
        }),
    ),
    E.map((d) => [
      { type: "DeadlineBreached", ...stamp(command), deadlineId: d.id, dueAt: d.dueAt },
    ]),
  );

/** Warns that a deadline has used `fraction` of its window. */
export const decideFlagAtRisk = (
  command: ClaimCommandOf<"FlagDeadlineAtRisk">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    deadlineOf(command, state),
    E.filterOrElse((d) => d.status === "open", notOpen),
    E.filterOrElse(
      (d) => isAtRisk(d, command.occurredAt, command.fraction),
      (d) =>
        domainError("claim.deadline_not_due", `Deadline ${d.id} is not yet at risk`, {
          deadlineId: d.id,
          dueAt: d.dueAt,
        }),
    ),
    E.map((d) => [
      {
        type: "DeadlineAtRisk",
        ...stamp(command),
        deadlineId: d.id,
        fraction: command.fraction,
        dueAt: d.dueAt,
      },
    ]),
  );

/**
 * Counts every provisional deadline of the claim again on the calendars as they are now
 * ({@link recomputeDeadline}): one `DeadlineRecomputed` per deadline whose table grew, nothing
 * when none did (so the system may send it to any claim, any number of times).
 */
export const decideRecomputeDeadlines = (
  command: ClaimCommandOf<"RecomputeDeadlines">,
  state: ClaimState,
  calendars: CalendarLookup = calendarFor,
): ClaimDecision => {
  const events: ClaimEvent[] = [];
  for (const d of Object.values(state.deadlines)) {
    const recomputed = recomputeDeadline(d, calendars);
    if (E.isLeft(recomputed)) return recomputed;
    const next = recomputed.right;
    if (next === undefined) continue;
    events.push({
      type: "DeadlineRecomputed",
      ...stamp(command),
      deadlineId: d.id,
      dueAt: next.dueAt,
      previousDueAt: d.dueAt,
      provisional: next.provisional === true,
      tableEnd: next.tableEnd ?? null,
    });
  }
  return E.right(events);
};
