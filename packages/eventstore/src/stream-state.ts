import type { CachedAggregate } from "./aggregate-cache.js";
import { type Decider, foldEvents } from "./decider.js";
import type { EventStore, ReadStreamOptions, RecordedEvent } from "./port.js";

/** The command handler's default: the store keeps the whole domain event as `data`. */
export const defaultToDomainEvent = <Event>(event: RecordedEvent): Event => event.data as Event;

/** Events read from a stream, recorded and as domain events, and the last position read. */
export interface LoadedStream<Event> {
  readonly recorded: readonly RecordedEvent[];
  readonly events: readonly Event[];
  /** Stream position of the last event read (0 when none was). */
  readonly version: number;
}

/** Reads a stream (or part of it) and turns each event back into a domain event. */
export const loadStream = async <Event>(
  store: EventStore,
  streamId: string,
  toDomainEvent: (event: RecordedEvent) => Event,
  options: ReadStreamOptions = {},
): Promise<LoadedStream<Event>> => {
  const recorded: RecordedEvent[] = [];
  for await (const event of store.readStream(streamId, options)) recorded.push(event);
  const version = recorded.at(-1)?.streamPosition ?? 0;
  return { recorded, events: recorded.map(toDomainEvent), version };
};

// `deterministicEventId` makes UUIDv8s; the store's own ids are v4. Character 14 is the version.
const isDerivedEventId = (eventId: string): boolean => eventId.charAt(14) === "8";

/** `known` plus those of `eventIds` an idempotency key may have derived. */
export const withDerivedEventIds = (
  known: ReadonlySet<string>,
  eventIds: readonly string[],
): ReadonlySet<string> => {
  const derived = eventIds.filter(isDerivedEventId);
  return derived.length === 0 ? known : new Set([...known, ...derived]);
};

/** The cache entry of a whole stream just read. */
export const aggregateOf = <Event, State>(
  loaded: LoadedStream<Event>,
  state: State,
): CachedAggregate<State> => ({
  version: loaded.version,
  state,
  derivedEventIds: withDerivedEventIds(
    new Set(),
    loaded.recorded.map((event) => event.eventId),
  ),
});

/**
 * Brings a cached aggregate up to date: reads only the events after its version and folds them
 * onto its state.
 */
export const catchUpAggregate = async <Event, State>(
  store: EventStore,
  evolve: (state: State, event: Event) => State,
  streamId: string,
  toDomainEvent: (event: RecordedEvent) => Event,
  cached: CachedAggregate<State>,
): Promise<CachedAggregate<State>> => {
  const tail = await loadStream(store, streamId, toDomainEvent, {
    fromVersion: cached.version + 1,
  });
  if (tail.recorded.length === 0) return cached;
  return {
    version: tail.version,
    state: tail.events.reduce(evolve, cached.state),
    derivedEventIds: withDerivedEventIds(
      cached.derivedEventIds,
      tail.recorded.map((event) => event.eventId),
    ),
  };
};

/**
 * Loads an aggregate: its events (recorded and as domain events), version and folded state,
 * optionally "as of" a recorded instant or a stream version.
 *
 * @example
 * ```ts
 * const { state, version } = await loadAggregate(store, claimDecider, "claim-42", {
 *   upToRecordedAt: "2026-03-01T00:00:00Z",
 * });
 * ```
 */
export const loadAggregate = async <Command, Event, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
  options: {
    readonly upToRecordedAt?: string;
    /** The last stream position to fold (inclusive): the state right after that event. */
    readonly toVersion?: number;
    readonly toDomainEvent?: (event: RecordedEvent) => Event;
  } = {},
): Promise<{
  readonly recorded: readonly RecordedEvent[];
  readonly events: readonly Event[];
  readonly version: number;
  readonly state: State;
}> => {
  const toDomainEvent = options.toDomainEvent ?? defaultToDomainEvent<Event>;
  const { upToRecordedAt, toVersion } = options;
  const loaded = await loadStream(store, streamId, toDomainEvent, {
    ...(upToRecordedAt === undefined ? {} : { upToRecordedAt }),
    ...(toVersion === undefined ? {} : { toVersion }),
  });
  return {
    recorded: loaded.recorded,
    events: loaded.events,
    version: loaded.version,
    state: foldEvents(decider, loaded.events),
  };
};
