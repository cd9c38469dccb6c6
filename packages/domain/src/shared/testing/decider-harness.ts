/**
 * Given/when helpers for decider tests: fold commands through `decide` and `evolve` as the
 * command handler would. Test-only: excluded from the build.
 */
import * as E from "fp-ts/lib/Either.js";
import type { z } from "zod";
import type { Decider } from "../decider.js";
import type { DomainError, DomainErrorCode } from "../errors.js";

/** What happened to one command of a run. */
export interface Step<C, Ev, S> {
  readonly command: C;
  readonly result: E.Either<DomainError, readonly Ev[]>;
  readonly before: S;
  readonly after: S;
}

/**
 * Runs `commands` one after the other from `from` (the initial state by default): each
 * accepted command's events are evolved into the state, a rejected command changes nothing.
 */
export const runCommands = <C, Ev, S>(
  decider: Decider<C, Ev, S>,
  commands: readonly C[],
  from: S = decider.initialState,
): {
  readonly state: S;
  readonly events: readonly Ev[];
  readonly steps: readonly Step<C, Ev, S>[];
} => {
  let state = from;
  const events: Ev[] = [];
  const steps: Step<C, Ev, S>[] = [];
  for (const command of commands) {
    const before = state;
    const result = decider.decide(command, state);
    if (E.isRight(result)) {
      for (const event of result.right) state = decider.evolve(state, event);
      events.push(...result.right);
    }
    steps.push({ command, result, before, after: state });
  }
  return { state, events, steps };
};

/** The state after `commands`, failing the test if any of them is rejected. */
export const given = <C, Ev, S>(decider: Decider<C, Ev, S>, commands: readonly C[]): S => {
  const { state, steps } = runCommands(decider, commands);
  const rejected = steps.find((step) => E.isLeft(step.result));
  if (rejected && E.isLeft(rejected.result)) {
    throw new Error(
      `given: ${JSON.stringify(rejected.result.left)} for ${JSON.stringify(rejected.command)}`,
    );
  }
  return state;
};

/** The events `command` yields after `history`, failing the test if it is rejected. */
export const eventsOf = <C, Ev, S>(
  decider: Decider<C, Ev, S>,
  history: readonly C[],
  command: C,
): readonly Ev[] => {
  const result = decider.decide(command, given(decider, history));
  if (E.isLeft(result)) throw new Error(`expected events, got ${JSON.stringify(result.left)}`);
  return result.right;
};

/** The error `command` yields after `history`, failing the test if it is accepted. */
export const errorOf = <C, Ev, S>(
  decider: Decider<C, Ev, S>,
  history: readonly C[],
  command: C,
): DomainError => {
  const result = decider.decide(command, given(decider, history));
  if (E.isRight(result)) throw new Error(`expected an error, got ${JSON.stringify(result.right)}`);
  return result.left;
};

/** The error code of {@link errorOf}. */
export const errorCodeOf = <C, Ev, S>(
  decider: Decider<C, Ev, S>,
  history: readonly C[],
  command: C,
): DomainErrorCode => errorOf(decider, history, command).code;

/**
 * The invariants every decider keeps on any run, valid or not: `decide` and `evolve` never
 * throw, a rejected command leaves the state as it was, every event is valid by the event
 * schema and carries its command's `occurredAt`, and replaying the accepted events from
 * scratch gives the same state.
 */
export const checkRunInvariants = <C extends { readonly occurredAt: string }, Ev, S>(
  decider: Decider<C, Ev, S>,
  eventSchema: z.ZodType,
  commands: readonly C[],
): { readonly state: S; readonly steps: readonly Step<C, Ev, S>[] } => {
  const { state, events, steps } = runCommands(decider, commands);
  for (const step of steps) {
    if (E.isLeft(step.result)) {
      if (step.after !== step.before) throw new Error("a rejected command changed the state");
      continue;
    }
    for (const event of step.result.right) {
      const parsed = eventSchema.safeParse(event);
      if (!parsed.success)
        throw new Error(`invalid event ${JSON.stringify(event)}: ${parsed.error.message}`);
      if ((event as { occurredAt?: unknown }).occurredAt !== step.command.occurredAt) {
        throw new Error("an event does not carry its command's occurredAt");
      }
    }
  }
  let replayed = decider.initialState;
  for (const event of events) replayed = decider.evolve(replayed, event);
  if (JSON.stringify(replayed) !== JSON.stringify(state)) throw new Error("replay differs");
  return { state, steps };
};
