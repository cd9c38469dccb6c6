import {
  type ClaimEvent,
  type ClaimState,
  claimDecider,
  claimGuardOf,
  type Decider,
  type DomainError,
  type PayoutCommand,
  type PayoutEvent,
  type PayoutState,
  type ProcessCommand,
  type ProcessInput,
  payoutDecider,
  policyDecider,
  type RepairOrderEvent,
  type RepairOrderState,
  reactToEvent,
  repairOrderDecider,
} from "@claimstream/domain";
import * as E from "fp-ts/lib/Either.js";
import {
  type SeedAggregate,
  type SeedCommand,
  type SeedCommands,
  type SeedEvent,
  type SeedEvents,
  type SeedStates,
  seedStreamId,
} from "./seed-types.js";

type AnyDecider = Decider<SeedCommand, SeedEvent, unknown>;

// The default deciders, as the API's composition root uses them unless an insurer overrides.
const DECIDERS: {
  readonly [A in SeedAggregate]: Decider<SeedCommands[A], SeedEvents[A], SeedStates[A]>;
} = {
  policy: policyDecider,
  claim: claimDecider,
  "repair-order": repairOrderDecider,
  payout: payoutDecider,
};

// One table keyed by the aggregate name cannot say which decider goes with which command, so
// the lookup widens the decider once here; callers always pass matching pairs.
const deciderOf = (aggregate: SeedAggregate): AnyDecider =>
  DECIDERS[aggregate] as unknown as AnyDecider;

const processInputOf = (
  aggregate: SeedAggregate,
  id: string,
  event: SeedEvent,
  state: unknown,
): ProcessInput | undefined => {
  switch (aggregate) {
    case "claim":
      return { aggregate, id, event: event as ClaimEvent, state: state as ClaimState };
    case "repair-order":
      return {
        aggregate,
        id,
        event: event as RepairOrderEvent,
        state: state as RepairOrderState,
      };
    case "payout":
      return { aggregate, id, event: event as PayoutEvent, state: state as PayoutState };
    case "policy":
      return undefined;
  }
};

/** A command addressed to one aggregate instance. */
export interface AddressedCommand {
  readonly aggregate: SeedAggregate;
  readonly id: string;
  readonly command: SeedCommand;
}

/**
 * The streams of a demo data set held in memory: their events and folded states. Used to
 * decide commands without a store (generation, tests) and to mirror a store being seeded,
 * so that the process manager sees the state right after each event.
 */
export interface SeedLedger {
  /** The folded state of one aggregate instance (its initial state when it has no events). */
  readonly stateOf: <A extends SeedAggregate>(aggregate: A, id: string) => SeedStates[A];
  /** Every stream with its events, in the order they were recorded. */
  readonly streams: () => ReadonlyMap<string, readonly SeedEvent[]>;
  /** Decides a command against the current state, without recording anything. */
  readonly decide: (target: AddressedCommand) => E.Either<DomainError, readonly SeedEvent[]>;
  /**
   * Records events (decided here or by a store) and returns what the process manager sends
   * in reaction, event by event, each judged on the state right after its event.
   */
  readonly record: (
    aggregate: SeedAggregate,
    id: string,
    events: readonly SeedEvent[],
  ) => readonly AddressedCommand[];
}

interface StreamEntry {
  readonly events: SeedEvent[];
  state: unknown;
}

/**
 * An empty ledger.
 *
 * @example
 * ```ts
 * const ledger = createSeedLedger();
 * const failure = applyWithReactions(ledger, { aggregate: "claim", id: "C-1", command });
 * ```
 */
export const createSeedLedger = (): SeedLedger => {
  const entries = new Map<string, StreamEntry>();
  const entryOf = (aggregate: SeedAggregate, id: string): StreamEntry => {
    const key = seedStreamId(aggregate, id);
    const existing = entries.get(key);
    if (existing) return existing;
    const created: StreamEntry = { events: [], state: deciderOf(aggregate).initialState };
    entries.set(key, created);
    return created;
  };
  const peek = (aggregate: SeedAggregate, id: string): unknown =>
    entries.get(seedStreamId(aggregate, id))?.state ?? deciderOf(aggregate).initialState;
  return {
    stateOf: <A extends SeedAggregate>(aggregate: A, id: string) =>
      peek(aggregate, id) as SeedStates[A],
    streams: () => new Map([...entries].map(([stream, entry]) => [stream, entry.events])),
    decide: ({ aggregate, id, command }) =>
      deciderOf(aggregate).decide(command, peek(aggregate, id)),
    record: (aggregate, id, events) => {
      const entry = entryOf(aggregate, id);
      const decider = deciderOf(aggregate);
      const reactions: AddressedCommand[] = [];
      for (const event of events) {
        entry.events.push(event);
        entry.state = decider.evolve(entry.state, event);
        const input = processInputOf(aggregate, id, event, entry.state);
        if (input) reactions.push(...reactToEvent(input).map(toAddressed));
      }
      return reactions;
    },
  };
};

const toAddressed = (out: ProcessCommand): AddressedCommand => ({
  aggregate: out.aggregate,
  id: out.id,
  command: out.command,
});

/** A command refused while applying: which one, and the domain's reason. */
export interface SeedRefusal {
  readonly target: AddressedCommand;
  readonly error: DomainError;
}

/** As the API's command service does: the claim guard a payout command goes after, if any. */
export const claimGuardFor = (
  ledger: SeedLedger,
  target: AddressedCommand,
): AddressedCommand | undefined => {
  if (target.aggregate !== "payout") return undefined;
  const guard = claimGuardOf(target.command as PayoutCommand, ledger.stateOf("payout", target.id));
  return guard === undefined
    ? undefined
    : { aggregate: "claim", id: guard.id, command: guard.command };
};

/**
 * Decides and records `target`, then everything the process manager sends in reaction, in
 * the order a subscriber would (first in, first out). A payout command is decided on its own
 * state first, then its claim guard (`claimGuardOf`) is applied, as the API does. Stops at the
 * first refusal.
 */
export const applyWithReactions = (
  ledger: SeedLedger,
  target: AddressedCommand,
): E.Either<SeedRefusal, void> => {
  const queue: AddressedCommand[] = [target];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const dryRun = ledger.decide(next);
    if (E.isLeft(dryRun)) return E.left({ target: next, error: dryRun.left });
    const guard = claimGuardFor(ledger, next);
    if (guard !== undefined) {
      const guarded = ledger.decide(guard);
      if (E.isLeft(guarded)) return E.left({ target: guard, error: guarded.left });
      queue.push(...ledger.record(guard.aggregate, guard.id, guarded.right));
    }
    queue.push(...ledger.record(next.aggregate, next.id, dryRun.right));
  }
  return E.right(undefined);
};
