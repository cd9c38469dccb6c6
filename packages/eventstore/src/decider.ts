import type * as E from "fp-ts/lib/Either.js";

/**
 * What the command handler needs of an aggregate: its initial state, how it decides a command
 * (events, or a rejection) and how an event evolves the state. The store's own shape, so it
 * knows no domain; a domain's deciders (`@claimstream/domain`'s among them) fit it as they are.
 *
 * @example
 * ```ts
 * const counter: Decider<{ add: number }, { added: number }, number, string> = {
 *   initialState: 0,
 *   decide: (command) => (command.add > 0 ? E.right([{ added: command.add }]) : E.left("not positive")),
 *   evolve: (state, event) => state + event.added,
 * };
 * ```
 */
export interface Decider<Command, Event, State, Rejection = unknown> {
  readonly initialState: State;
  readonly decide: (command: Command, state: State) => E.Either<Rejection, readonly Event[]>;
  readonly evolve: (state: State, event: Event) => State;
}

/** Folds events into state, from the decider's initial state. */
export const foldEvents = <State, Event>(
  decider: Pick<Decider<unknown, Event, State>, "initialState" | "evolve">,
  events: Iterable<Event>,
): State => {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
};
