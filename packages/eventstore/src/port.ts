/**
 * The event store port: what every adapter (PostgreSQL, EventStoreDB, in-memory) offers.
 *
 * Positions: a stream's first event has `streamPosition` 1 and a stream's version is the
 * number of events in it (0 = no stream). `globalPosition` orders all events of the store;
 * it strictly increases in the order `$all` readers receive events, but is not contiguous.
 *
 * @module
 */

/**
 * An event's payload: a JSON object. Values must survive `JSON.stringify`/`JSON.parse`
 * (no `bigint`, `Map`, functions or cycles; `Date` becomes an ISO string; `undefined`
 * properties are dropped).
 */
export type EventData = { readonly [key: string]: unknown };

/** Who caused an event: a user (or service) id and the role it acted in. */
export interface Actor {
  readonly id: string;
  readonly role: string;
  /** For the system's own actors (the process manager): the actor whose event it acted on. */
  readonly onBehalfOf?: Actor;
}

/** Metadata a writer may attach to an event. Every field is optional. */
export interface EventMetadataInput {
  /** Business time: when the fact happened (ISO 8601). Defaults to `recordedAt` on read. */
  readonly occurredAt?: string;
  /** Id shared by every message of one business conversation (e.g. one HTTP request). */
  readonly correlationId?: string;
  /** Id of the message (command or event) that caused this event. */
  readonly causationId?: string;
  readonly actor?: Actor;
  /** The tenant (insurer) the event belongs to. */
  readonly tenantId?: string;
  /** Version of the event's schema; defaults to 1. Upcasters key on it. */
  readonly schemaVersion?: number;
  /**
   * Digest of the request an idempotency key came with, on the events the command handler
   * derived from the key: a later call with the key and another request is refused.
   */
  readonly idempotencyFingerprint?: string;
}

/** Metadata of a recorded event: the writer's metadata plus what the store adds. */
export interface EventMetadata {
  /** When the store committed the event (ISO 8601, millisecond precision). */
  readonly recordedAt: string;
  /** Business time; equals `recordedAt` when the writer gave none. */
  readonly occurredAt: string;
  readonly schemaVersion: number;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly actor?: Actor;
  readonly tenantId?: string;
  /**
   * Digest of the request an idempotency key came with, on the events the command handler
   * derived from the key: a later call with the key and another request is refused.
   */
  readonly idempotencyFingerprint?: string;
}

/**
 * An event to append.
 *
 * @example
 * ```ts
 * const event: NewEvent = {
 *   type: "ClaimRegistered",
 *   data: { claimId: "c-1", occurredAt: "2026-03-01T09:00:00Z" },
 *   metadata: { occurredAt: "2026-03-01T09:00:00Z", actor: { id: "u-7", role: "adjuster" } },
 * };
 * ```
 */
export interface NewEvent<Type extends string = string, Data extends EventData = EventData> {
  /** A UUID; generated when absent. Re-appending the same id is a no-op (see {@link EventStore.appendToStream}). */
  readonly eventId?: string;
  readonly type: Type;
  readonly data: Data;
  readonly metadata?: EventMetadataInput;
}

/** An event as read back: decrypted (or shown as erased) and upcast to its current schema. */
export interface RecordedEvent<Type extends string = string, Data extends EventData = EventData> {
  readonly streamId: string;
  /** 1-based position in its stream. */
  readonly streamPosition: number;
  /** Position in the store's global order (`$all`); strictly increasing, with gaps. */
  readonly globalPosition: number;
  readonly eventId: string;
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadata;
  /** SHA-256 (hex) link of this event in its stream's hash chain. */
  readonly hash: string;
  /** The previous event's `hash`; `null` for a stream's first event. */
  readonly previousHash: string | null;
}

/**
 * What the writer expects the stream to look like:
 * a version (number of events; 0 = no stream), `"no_stream"`, `"stream_exists"` or `"any"`.
 */
export type ExpectedVersion = number | "no_stream" | "stream_exists" | "any";

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion;
}

/** Outcome of {@link EventStore.appendToStream}. */
export interface AppendResult {
  /** The stream's version after the append: pass it as the next `expectedVersion`. */
  readonly nextExpectedVersion: number;
  /** Global positions of the appended events, in order. */
  readonly globalPositions: readonly number[];
}

export interface ReadStreamOptions {
  /** First stream position to return (inclusive). Default: 1 forward, the last event backward. */
  readonly fromVersion?: number;
  /** Last stream position to return (inclusive), whatever the direction. */
  readonly toVersion?: number;
  readonly direction?: "forward" | "backward";
  readonly maxCount?: number;
  /**
   * "State as of": only the stream's prefix recorded at or before this instant (ISO 8601).
   * The prefix ends before the first event recorded later.
   */
  readonly upToRecordedAt?: string;
}

/** Which events of `$all` to return. Both lists are optional; given lists must all match. */
export interface EventFilter {
  /** Stream categories, as computed by the store's `categoryOf` (e.g. `claim`, `repair-order`). */
  readonly categories?: readonly string[];
  readonly eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /** Return events after this global position (exclusive: pass your checkpoint). Default 0. */
  readonly fromPosition?: number;
  readonly maxCount?: number;
  readonly filter?: EventFilter;
}

/** Options of {@link EventStore.readAllPage}: a page has a size. */
export interface ReadAllPageOptions extends ReadAllOptions {
  readonly maxCount: number;
}

/** One page of `$all` for a consumer that keeps a checkpoint: {@link EventStore.readAllPage}. */
export interface AllPage {
  /** The events after `fromPosition` that match the filter, in global order, at most `maxCount`. */
  readonly events: readonly RecordedEvent[];
  /**
   * Where to resume: every event matching the filter at or below this position is in this page
   * or at or below `fromPosition`. The last event's position when the page is full; past the
   * events the filter skipped when it is not.
   */
  readonly checkpoint: number;
  /**
   * The highest committed position, deliverable or not. Above `checkpoint` after a short page,
   * it says that committed events wait for a slower transaction: read again soon.
   */
  readonly head: number;
}

export interface SubscribeToAllOptions {
  /** Deliver events after this global position (exclusive). Default 0: from the start. */
  readonly fromPosition?: number;
  readonly filter?: EventFilter;
}

export interface SubscribeToStreamOptions {
  /** Deliver events after this stream version (exclusive). Default 0: from the start. */
  readonly fromVersion?: number;
}

/**
 * A catch-up subscription: iterate it with `for await`; it first delivers stored events,
 * then live ones, in order, each exactly once. Breaking out of the loop or calling
 * {@link EventSubscription.stop} ends it.
 */
export interface EventSubscription extends AsyncIterable<RecordedEvent> {
  /** Ends the subscription; a pending iteration step resolves as done. */
  stop(): Promise<void>;
}

/** Why a stream's hash chain does not verify. */
export type ChainBreakReason =
  | "position_gap"
  | "hash_mismatch"
  | "previous_hash_mismatch"
  | "head_mismatch";

/** Result of {@link EventStore.verifyStream}. */
export type StreamVerification =
  | {
      readonly ok: true;
      readonly streamId: string;
      readonly eventCount: number;
      /** Hash of the last event (`null` for an empty stream): anchor it elsewhere to detect truncation. */
      readonly headHash: string | null;
    }
  | {
      readonly ok: false;
      readonly streamId: string;
      /** Stream position of the first broken link. */
      readonly position: number;
      readonly reason: ChainBreakReason;
      readonly detail: string;
    };

/**
 * The event store port.
 *
 * @example
 * ```ts
 * const store: EventStore = new MemoryEventStore();
 * const { nextExpectedVersion } = await store.appendToStream(
 *   "claim-42",
 *   [{ type: "ClaimRegistered", data: { claimId: "42" } }],
 *   { expectedVersion: "no_stream" },
 * );
 * for await (const event of store.readStream("claim-42")) console.log(event.type);
 * ```
 */
export interface EventStore {
  /**
   * Appends events atomically, after checking `expectedVersion`.
   *
   * Throws `ConcurrencyError` when the stream's version does not match, and
   * `EventIdConflictError` when some (not all) event ids already exist. When all the
   * event ids already exist in this stream, in order, nothing is written and the original
   * result is returned (whatever `expectedVersion` says), so client retries are safe.
   */
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult>;
  /** Reads one stream (nothing when it does not exist). */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  /**
   * Reads `$all` in global order: every event committed before the call, without gaps
   * (a slower transaction's earlier event is never skipped).
   */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /**
   * One page of `$all` for a consumer that keeps a checkpoint (a projection): one round trip on
   * PostgreSQL. Unlike {@link EventStore.readAll} it does not wait for transactions in flight;
   * an event a slower transaction has yet to commit below `head` is left for a later page, and
   * never skipped: `checkpoint` stays below it.
   */
  readAllPage(options: ReadAllPageOptions): Promise<AllPage>;
  /** Catch-up then live subscription to `$all`. */
  subscribeToAll(options?: SubscribeToAllOptions): EventSubscription;
  /** Catch-up then live subscription to one stream. */
  subscribeToStream(streamId: string, options?: SubscribeToStreamOptions): EventSubscription;
  /** The stream's version: its number of events, 0 when it does not exist. */
  streamVersion(streamId: string): Promise<number>;
  /** Global position of the last event readers can receive (0 for an empty store). */
  headPosition(): Promise<number>;
  /** Recomputes the stream's hash chain and reports the first broken link. */
  verifyStream(streamId: string): Promise<StreamVerification>;
  /**
   * Crypto-shredding: deletes the subject's key, so its personal fields read as
   * `{ erased: true }` (`ERASED`) everywhere, while hashes still verify (they cover the ciphertext).
   */
  forgetSubject(subjectId: string): Promise<void>;
  /**
   * Calls `listener` whenever a subject is forgotten, so that caches of decrypted data can drop
   * it: at once for this store's own {@link EventStore.forgetSubject}, and for another
   * process's as soon as this store learns of it (on PostgreSQL through `LISTEN`, within
   * milliseconds). `undefined` means any subject may have been forgotten unheard (e.g. the
   * notification connection was re-established): drop everything. Returns the function that
   * removes the listener. The EventStoreDB adapter hears only its own process's forgets.
   */
  onSubjectForgotten(listener: (subjectId: string | undefined) => void): () => void;
  /** Releases connections and stops subscriptions' listeners. */
  close(): Promise<void>;
}

/**
 * Does the stream exist (has at least one event)?
 *
 * @example
 * ```ts
 * if (!(await streamExists(store, "claim-42"))) console.log("no such claim");
 * ```
 */
export const streamExists = async (store: EventStore, streamId: string): Promise<boolean> =>
  (await store.streamVersion(streamId)) > 0;
