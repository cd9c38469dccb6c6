import type * as E from "fp-ts/lib/Either.js";
import type { DomainError } from "./errors.js";

/**
 * An aggregate as three plain values: where it starts, how it decides, how it changes.
 *
 * `decide` is pure: the same command and state always give the same events or error,
 * and it never reads a clock (time comes in the command's `occurredAt`).
 *
 * @example
 * ```ts
 * const state = foldEvents(claimDecider, history);
 * const result = claimDecider.decide(command, state); // Either<DomainError, ClaimEvent[]>
 * ```
 */
export interface Decider<Command, Event, State> {
  readonly initialState: State;
  readonly decide: (command: Command, state: State) => E.Either<DomainError, readonly Event[]>;
  readonly evolve: (state: State, event: Event) => State;
}

/** Folds events into state, from the decider's initial state. */
export const foldEvents = <C, Ev, S>(decider: Decider<C, Ev, S>, events: Iterable<Ev>): S => {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
};

/**
 * State after the events that satisfy `include`, in order: for "state as of" an instant or a
 * stream version. Events after the first excluded one are ignored too (a prefix, not a filter).
 *
 * @example
 * ```ts
 * const asOf = stateAsOf(claimDecider, events, (e) => e.occurredAt <= "2026-03-01T00:00:00Z");
 * ```
 */
export const stateAsOf = <C, Ev, S>(
  decider: Decider<C, Ev, S>,
  events: Iterable<Ev>,
  include: (event: Ev, index: number) => boolean,
): S => {
  let state = decider.initialState;
  let index = 0;
  for (const event of events) {
    if (!include(event, index)) break;
    state = decider.evolve(state, event);
    index += 1;
  }
  return state;
};
