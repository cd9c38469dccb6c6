import * as E from "fp-ts/lib/Either.js";
import type { AggregateCache, CachedAggregate } from "./aggregate-cache.js";
import { type Decider, foldEvents } from "./decider.js";
import { ConcurrencyError, IdempotencyKeyReusedError, isConcurrencyError } from "./errors.js";
import { deterministicEventId } from "./event-id.js";
import type {
  AppendResult,
  EventData,
  EventMetadataInput,
  EventStore,
  NewEvent,
  RecordedEvent,
} from "./port.js";
import {
  aggregateOf,
  catchUpAggregate,
  defaultToDomainEvent,
  type LoadedStream,
  loadStream,
  withDerivedEventIds,
} from "./stream-state.js";

/** The shape of a domain event: `{ type, schemaVersion, occurredAt, ...fields }`. */
export interface DomainEventLike {
  readonly type: string;
  readonly schemaVersion?: number;
  readonly occurredAt?: string;
}

/** Metadata the caller passes through to every appended event. */
export type CommandMetadata = Pick<
  EventMetadataInput,
  "correlationId" | "causationId" | "actor" | "tenantId"
>;

export interface CommandHandlerOptions<
  Command,
  Event extends DomainEventLike,
  State,
  Rejection = unknown,
> {
  readonly store: EventStore;
  readonly decider: Decider<Command, Event, State, Rejection>;
  /**
   * Turns a recorded event back into a domain event. Default: its `data` as is (the store
   * keeps the whole domain event there). Pass a schema's `parse` to validate instead.
   */
  readonly toDomainEvent?: (event: RecordedEvent) => Event;
  /** Reload-and-retry rounds after a concurrent append (default 3). */
  readonly maxRetries?: number;
  /**
   * Keeps each stream's state and version between commands ({@link createAggregateCache}).
   * A command on a cached stream decides on the cached state and appends with the cached
   * version without reading the stream; when another writer appended meanwhile, the append
   * fails its version check and the handler reads only the newer events, then decides again.
   * Share one cache among the handlers of one decider on one store. Default: none, every
   * command reads the whole stream.
   */
  readonly cache?: AggregateCache<State>;
}

/** Per-call options of a {@link CommandHandler}. */
export interface HandleCommandOptions {
  /**
   * The version the caller saw (HTTP `If-Match`). A mismatch returns a `ConcurrencyError`
   * at once: nothing is decided and nothing retried.
   */
  readonly expectedVersion?: number;
  /**
   * Derives event ids from this key: repeating the call returns the first call's result
   * (`replayed: true`) instead of deciding again.
   */
  readonly idempotencyKey?: string;
  /**
   * A digest of the request the key came with (e.g. SHA-256 of its body), stored on the events
   * the key derives. A later call with the same key and another fingerprint is refused with an
   * `IdempotencyKeyReusedError` instead of being handed the first call's result. Without it,
   * or on events stored without one, the key alone decides.
   */
  readonly idempotencyFingerprint?: string;
  readonly metadata?: CommandMetadata;
  /**
   * Reload-and-retry rounds after a concurrent append for this call (default: the handler's
   * `maxRetries`). Commands that must not be lost under contention (a system's follow-ups on a
   * hot stream, such as twenty payments recorded on one claim at once) ask for more.
   */
  readonly maxRetries?: number;
}

/** What a handled command produced. */
export interface CommandResult<Event, State> {
  /** The events appended (or, on a replay, appended by the first call). */
  readonly events: readonly Event[];
  /** The stream version after those events: the next `If-Match`/`ETag`. */
  readonly nextExpectedVersion: number;
  /** The aggregate's state after those events. */
  readonly state: State;
  /** `true` when an idempotency key matched earlier events and nothing new was decided. */
  readonly replayed: boolean;
}

/** Handles one command against one stream. */
export type CommandHandler<Command, Event, State, Rejection = unknown> = (
  streamId: string,
  command: Command,
  options?: HandleCommandOptions,
) => Promise<E.Either<CommandFailure<Rejection>, CommandResult<Event, State>>>;

/** Why a command appended nothing: the decider refused it, or the stream or key did not fit. */
export type CommandFailure<Rejection = unknown> =
  | Rejection
  | ConcurrencyError
  | IdempotencyKeyReusedError;

/**
 * The id of the `index`-th event a command with an idempotency key appends to a stream: a
 * retry finds its earlier result by it.
 */
export const idempotentEventId = (streamId: string, key: string, index: number): string =>
  deterministicEventId(`${streamId}\n${key}`, index);

const toNewEvent = (
  event: DomainEventLike,
  eventId: string | undefined,
  metadata: EventMetadataInput | undefined,
): NewEvent => ({
  ...(eventId === undefined ? {} : { eventId }),
  type: event.type,
  data: event as unknown as EventData,
  metadata: {
    ...metadata,
    ...(event.occurredAt === undefined ? {} : { occurredAt: event.occurredAt }),
    schemaVersion: event.schemaVersion ?? 1,
  },
});

// Fingerprints are `<scheme>:<digest>`. One recorded under another scheme (before an upgrade
// changed it) cannot be compared and is not held against the request.
const fingerprintsAgree = (stored: string | undefined, now: string | undefined): boolean => {
  if (stored === undefined || now === undefined) return true;
  const scheme = (fingerprint: string) => fingerprint.slice(0, fingerprint.indexOf(":"));
  return scheme(stored) !== scheme(now) || stored === now;
};

/**
 * The result of an earlier call with this idempotency key, when its events are in the stream:
 * the run of events whose ids derive from the key, and the state right after them. An
 * `IdempotencyKeyReusedError` when that call's request had another fingerprint.
 */
const earlierResult = <Event, State>(
  decider: Pick<Decider<unknown, Event, State>, "initialState" | "evolve">,
  streamId: string,
  loaded: LoadedStream<Event>,
  call: HandleCommandOptions,
): E.Either<IdempotencyKeyReusedError, CommandResult<Event, State>> | undefined => {
  const key = call.idempotencyKey;
  if (key === undefined) return undefined;
  const ids = loaded.recorded.map((event) => event.eventId);
  const start = ids.indexOf(idempotentEventId(streamId, key, 0));
  if (start === -1) return undefined;
  const earlier = loaded.recorded[start]?.metadata.idempotencyFingerprint;
  if (!fingerprintsAgree(earlier, call.idempotencyFingerprint)) {
    return E.left(new IdempotencyKeyReusedError(streamId));
  }
  let end = start + 1;
  while (ids[end] === idempotentEventId(streamId, key, end - start)) end += 1;
  // Recorded event i sits at stream position i + 1, so the version after the run is `end`.
  return E.right({
    events: loaded.events.slice(start, end),
    nextExpectedVersion: end,
    state: foldEvents(decider, loaded.events.slice(0, end)),
    replayed: true,
  });
};

// With an idempotency key, event ids derive from it: a repeat finds them in the stream.
const eventsToAppend = (
  streamId: string,
  events: readonly DomainEventLike[],
  call: HandleCommandOptions,
): { readonly ids: readonly string[] | undefined; readonly newEvents: NewEvent[] } => {
  const key = call.idempotencyKey;
  const ids =
    key === undefined
      ? undefined
      : events.map((_, index) => idempotentEventId(streamId, key, index));
  const fingerprint = key === undefined ? undefined : call.idempotencyFingerprint;
  const metadata =
    fingerprint === undefined
      ? call.metadata
      : { ...call.metadata, idempotencyFingerprint: fingerprint };
  const newEvents = events.map((event, index) => toNewEvent(event, ids?.[index], metadata));
  return { ids, newEvents };
};

/** Did the events just appended (or found) after `version` come with this call's fingerprint? */
const appendedByThisRequest = async (
  store: EventStore,
  streamId: string,
  version: number,
  call: HandleCommandOptions,
): Promise<boolean> => {
  const fingerprint = call.idempotencyFingerprint;
  if (fingerprint === undefined) return true;
  for await (const first of store.readStream(streamId, {
    fromVersion: version + 1,
    maxCount: 1,
  })) {
    return fingerprintsAgree(first.metadata.idempotencyFingerprint, fingerprint);
  }
  return true;
};

// Jittered, growing pause so that writers that collided do not collide again in lockstep;
// capped, so that a long run of retries keeps trying every quarter second at most.
const MAX_BACKOFF_MS = 250;
const backOff = (attempt: number): Promise<void> =>
  new Promise((resolve) =>
    setTimeout(resolve, Math.random() * Math.min(5 * 2 ** attempt, MAX_BACKOFF_MS)),
  );

type Outcome<Event, State, Rejection> = E.Either<
  CommandFailure<Rejection>,
  CommandResult<Event, State>
>;

/**
 * Builds the command handler: load the stream, fold it with the decider, decide, append with
 * the loaded version; on a concurrent append, reload and decide again (bounded). With a
 * `cache`, a cached stream is not read: its cached state is decided on and appended with its
 * cached version, and only a failed version check (or a decision that appends nothing, which
 * proves nothing about freshness) reads the events after that version.
 *
 * @example
 * ```ts
 * const claims = createAggregateCache<ClaimState>({ maxStreams: 10_000 });
 * const handle = createCommandHandler({ store, decider: claimDecider, cache: claims });
 * const result = await handle(claimStreamId("42"), command, {
 *   expectedVersion: 3, // from If-Match
 *   idempotencyKey: request.headers["idempotency-key"],
 *   metadata: { correlationId: request.id, actor: { id: user.id, role: user.role } },
 * });
 * if (E.isLeft(result)) return problem(result.left);
 * ```
 */
export const createCommandHandler = <
  Command,
  Event extends DomainEventLike,
  State,
  Rejection = unknown,
>(
  options: CommandHandlerOptions<Command, Event, State, Rejection>,
): CommandHandler<Command, Event, State, Rejection> => {
  const { store, decider, cache } = options;
  const toDomainEvent = options.toDomainEvent ?? defaultToDomainEvent<Event>;
  const maxRetries = options.maxRetries ?? 3;

  // `verified`: `current` was read from the store in this call, not only taken from the cache.
  const decideAndAppend = async (
    streamId: string,
    command: Command,
    call: HandleCommandOptions,
    current: CachedAggregate<State>,
    verified: boolean,
  ): Promise<Outcome<Event, State, Rejection>> => {
    if (call.expectedVersion !== undefined && call.expectedVersion !== current.version) {
      // A matching If-Match needs no read: the append checks the same version.
      if (!verified) return handleOnce(streamId, command, call, true);
      return E.left(new ConcurrencyError(streamId, call.expectedVersion, current.version));
    }
    const decided = decider.decide(command, current.state);
    const events = E.isRight(decided) ? decided.right : [];
    // Only an append checks the cached version; a refusal or a no-op must see the fresh state.
    if (!verified && events.length === 0) return handleOnce(streamId, command, call, true);
    if (E.isLeft(decided)) return decided;
    if (events.length === 0) {
      const { version, state } = current;
      return E.right({ events, nextExpectedVersion: version, state, replayed: false });
    }
    const { ids, newEvents } = eventsToAppend(streamId, events, call);
    let appended: AppendResult;
    try {
      appended = await store.appendToStream(streamId, newEvents, {
        expectedVersion: current.version,
      });
    } catch (error) {
      // A stale cache entry, not contention: catch up at once, without spending a retry.
      if (!verified && isConcurrencyError(error)) return handleOnce(streamId, command, call, true);
      throw error;
    }
    if (ids !== undefined && appended.nextExpectedVersion !== current.version + events.length) {
      // A concurrent call with the same idempotency key appended first: report its result.
      return handleOnce(streamId, command, call, true);
    }
    // Ids derive from the key only: the store takes a concurrent call's events under the key,
    // appended just before, for ours. Their fingerprint tells whether that call was this request.
    if (
      ids !== undefined &&
      !(await appendedByThisRequest(store, streamId, current.version, call))
    ) {
      return E.left(new IdempotencyKeyReusedError(streamId));
    }
    const state = events.reduce(decider.evolve, current.state);
    const derivedEventIds = withDerivedEventIds(current.derivedEventIds, ids ?? []);
    const { nextExpectedVersion } = appended;
    cache?.set(streamId, { version: nextExpectedVersion, state, derivedEventIds });
    return E.right({ events, nextExpectedVersion, state, replayed: false });
  };

  const fromWholeStream = async (
    streamId: string,
    command: Command,
    call: HandleCommandOptions,
  ): Promise<Outcome<Event, State, Rejection>> => {
    const loaded = await loadStream(store, streamId, toDomainEvent);
    const replay = earlierResult(decider, streamId, loaded, call);
    if (replay !== undefined) return replay;
    const current = aggregateOf(loaded, foldEvents(decider, loaded.events));
    cache?.set(streamId, current);
    return decideAndAppend(streamId, command, call, current, true);
  };

  // `refresh`: read the events after the cached version first (after a conflict, or when an
  // idempotency key must be compared with the stream's latest events).
  const handleOnce = async (
    streamId: string,
    command: Command,
    call: HandleCommandOptions,
    refresh: boolean,
  ): Promise<Outcome<Event, State, Rejection>> => {
    const cached = cache?.get(streamId);
    if (cached === undefined) return fromWholeStream(streamId, command, call);
    const key = call.idempotencyKey;
    const verified = refresh || key !== undefined;
    const current = verified
      ? await catchUpAggregate(store, decider.evolve, streamId, toDomainEvent, cached)
      : cached;
    // The replay of an earlier call needs that call's events: read the whole stream.
    if (key !== undefined && current.derivedEventIds.has(idempotentEventId(streamId, key, 0))) {
      return fromWholeStream(streamId, command, call);
    }
    if (current !== cached) cache?.set(streamId, current);
    return decideAndAppend(streamId, command, call, current, verified);
  };

  return async (streamId, command, call = {}) => {
    for (let retry = 0; ; retry += 1) {
      try {
        return await handleOnce(streamId, command, call, retry > 0);
      } catch (error) {
        if (!isConcurrencyError(error)) throw error;
        if (call.expectedVersion !== undefined || retry >= (call.maxRetries ?? maxRetries)) {
          return E.left(error);
        }
        await backOff(retry);
      }
    }
  };
};
