import { type Decider, type DomainError, foldEvents } from "@claimstream/domain";
import * as E from "fp-ts/lib/Either.js";
import { ConcurrencyError, isConcurrencyError } from "./errors.js";
import { deterministicEventId } from "./event-id.js";
import type { EventData, EventMetadataInput, EventStore, NewEvent, RecordedEvent } from "./port.js";

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

/** Options of {@link createCommandHandler}. */
export interface CommandHandlerOptions<Command, Event extends DomainEventLike, State> {
  readonly store: EventStore;
  readonly decider: Decider<Command, Event, State>;
  /**
   * Turns a recorded event back into a domain event. Default: its `data` as is (the store
   * keeps the whole domain event there). Pass a schema's `parse` to validate instead.
   */
  readonly toDomainEvent?: (event: RecordedEvent) => Event;
  /** Reload-and-retry rounds after a concurrent append (default 3). */
  readonly maxRetries?: number;
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
  readonly metadata?: CommandMetadata;
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
export type CommandHandler<Command, Event, State> = (
  streamId: string,
  command: Command,
  options?: HandleCommandOptions,
) => Promise<E.Either<DomainError | ConcurrencyError, CommandResult<Event, State>>>;

interface Loaded<Event> {
  readonly recorded: readonly RecordedEvent[];
  readonly events: readonly Event[];
  readonly version: number;
}

const load = async <Event>(
  store: EventStore,
  streamId: string,
  toDomainEvent: (event: RecordedEvent) => Event,
  upToRecordedAt?: string,
): Promise<Loaded<Event>> => {
  const recorded: RecordedEvent[] = [];
  const options = upToRecordedAt === undefined ? {} : { upToRecordedAt };
  for await (const event of store.readStream(streamId, options)) recorded.push(event);
  const version = recorded.at(-1)?.streamPosition ?? 0;
  return { recorded, events: recorded.map(toDomainEvent), version };
};

const idempotentEventId = (streamId: string, key: string, index: number): string =>
  deterministicEventId(`${streamId}\n${key}`, index);

const defaultToDomainEvent = <Event>(event: RecordedEvent): Event => event.data as Event;

const toNewEvent = (
  event: DomainEventLike,
  eventId: string | undefined,
  metadata: CommandMetadata | undefined,
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

/**
 * The result of an earlier call with this idempotency key, when its events are in the stream:
 * the run of events whose ids derive from the key, and the state right after them.
 */
const earlierResult = <Command, Event, State>(
  decider: Decider<Command, Event, State>,
  streamId: string,
  loaded: Loaded<Event>,
  key: string | undefined,
): CommandResult<Event, State> | undefined => {
  if (key === undefined) return undefined;
  const ids = loaded.recorded.map((event) => event.eventId);
  const start = ids.indexOf(idempotentEventId(streamId, key, 0));
  if (start === -1) return undefined;
  let end = start + 1;
  while (ids[end] === idempotentEventId(streamId, key, end - start)) end += 1;
  // Recorded event i sits at stream position i + 1, so the version after the run is `end`.
  return {
    events: loaded.events.slice(start, end),
    nextExpectedVersion: end,
    state: foldEvents(decider, loaded.events.slice(0, end)),
    replayed: true,
  };
};

// Jittered, growing pause so that writers that collided do not collide again in lockstep.
const backOff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * 2 ** attempt));

/**
 * Builds the command handler: load the stream, fold it with the decider, decide, append with
 * the loaded version; on a concurrent append, reload and decide again (bounded).
 *
 * @example
 * ```ts
 * const handle = createCommandHandler({ store, decider: claimDecider });
 * const result = await handle(claimStreamId("42"), command, {
 *   expectedVersion: 3, // from If-Match
 *   idempotencyKey: request.headers["idempotency-key"],
 *   metadata: { correlationId: request.id, actor: { id: user.id, role: user.role } },
 * });
 * if (E.isLeft(result)) return problem(result.left);
 * ```
 */
export const createCommandHandler = <Command, Event extends DomainEventLike, State>(
  options: CommandHandlerOptions<Command, Event, State>,
): CommandHandler<Command, Event, State> => {
  const { store, decider } = options;
  const toDomainEvent = options.toDomainEvent ?? defaultToDomainEvent<Event>;
  const maxRetries = options.maxRetries ?? 3;

  const handleOnce = async (
    streamId: string,
    command: Command,
    call: HandleCommandOptions,
  ): Promise<E.Either<DomainError | ConcurrencyError, CommandResult<Event, State>>> => {
    const loaded = await load(store, streamId, toDomainEvent);
    const replay = earlierResult(decider, streamId, loaded, call.idempotencyKey);
    if (replay !== undefined) return E.right(replay);
    if (call.expectedVersion !== undefined && call.expectedVersion !== loaded.version) {
      return E.left(new ConcurrencyError(streamId, call.expectedVersion, loaded.version));
    }
    const state = foldEvents(decider, loaded.events);
    const decided = decider.decide(command, state);
    if (E.isLeft(decided)) return decided;
    const events = decided.right;
    if (events.length === 0) {
      return E.right({ events, nextExpectedVersion: loaded.version, state, replayed: false });
    }
    const key = call.idempotencyKey;
    const idFor = (index: number) =>
      key === undefined ? undefined : idempotentEventId(streamId, key, index);
    const newEvents = events.map((event, index) => toNewEvent(event, idFor(index), call.metadata));
    const appended = await store.appendToStream(streamId, newEvents, {
      expectedVersion: loaded.version,
    });
    if (key !== undefined && appended.nextExpectedVersion !== loaded.version + events.length) {
      // A concurrent call with the same idempotency key appended first: report its result.
      return handleOnce(streamId, command, call);
    }
    const next = events.reduce(decider.evolve, state);
    return E.right({
      events,
      nextExpectedVersion: appended.nextExpectedVersion,
      state: next,
      replayed: false,
    });
  };

  return async (streamId, command, call = {}) => {
    for (let retry = 0; ; retry += 1) {
      try {
        return await handleOnce(streamId, command, call);
      } catch (error) {
        if (!isConcurrencyError(error)) throw error;
        if (call.expectedVersion !== undefined || retry >= maxRetries) return E.left(error);
        await backOff(retry);
      }
    }
  };
};

/**
 * Loads an aggregate: its events, version and folded state, optionally "as of" a recorded
 * instant.
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
    readonly toDomainEvent?: (event: RecordedEvent) => Event;
  } = {},
): Promise<{
  readonly events: readonly Event[];
  readonly version: number;
  readonly state: State;
}> => {
  const toDomainEvent = options.toDomainEvent ?? defaultToDomainEvent<Event>;
  const loaded = await load(store, streamId, toDomainEvent, options.upToRecordedAt);
  return {
    events: loaded.events,
    version: loaded.version,
    state: foldEvents(decider, loaded.events),
  };
};
