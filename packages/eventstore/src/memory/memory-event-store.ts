import { type CategoryOf, defaultCategoryOf } from "../category.js";
import { createEventDecoder, type DecodeEvents } from "../decode-events.js";
import { ConcurrencyError, EventIdConflictError } from "../errors.js";
import { assertExpectedVersion, satisfiesExpectedVersion } from "../expected-version.js";
import { linkHash, verifyHashChain } from "../hash-chain.js";
import type {
  AllPage,
  AppendOptions,
  AppendResult,
  EventFilter,
  EventStore,
  EventSubscription,
  NewEvent,
  ReadAllOptions,
  ReadAllPageOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamVerification,
  SubscribeToAllOptions,
  SubscribeToStreamOptions,
} from "../port.js";
import { type PreparedEvent, prepareEvents } from "../prepare-events.js";
import type { PersonalDataRegistry } from "../shredding.js";
import type { StoredEvent } from "../stored-event.js";
import { recordedAtCutoff, streamBounds } from "../stream-range.js";
import { createCatchUpSubscription } from "../subscription/catch-up-subscription.js";
import { createUpcaster, type Upcaster } from "../upcasting.js";
import { MemoryEventLog, type MemoryLogEntry } from "./memory-event-log.js";

export interface MemoryEventStoreOptions {
  /** The log to use; share one between stores to simulate several processes. */
  readonly log?: MemoryEventLog;
  readonly categoryOf?: CategoryOf;
  readonly upcasters?: readonly Upcaster[];
  readonly personalData?: PersonalDataRegistry;
  /** Events decoded per step of a read (default 500). */
  readonly pageSize?: number;
}

const matches = (entry: MemoryLogEntry, filter: EventFilter | undefined): boolean =>
  (filter?.categories === undefined || filter.categories.includes(entry.category)) &&
  (filter?.eventTypes === undefined || filter.eventTypes.includes(entry.event.type));

// Readers get the stored objects themselves; freezing them keeps a careless reader from
// rewriting history (PostgreSQL hands out fresh copies instead).
const deepFreeze = <T>(value: T): T => {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
};

/**
 * The in-memory adapter: same semantics as the others (expected versions, idempotent ids,
 * hash chain, shredding, upcasting, catch-up subscriptions), nothing persisted. For unit tests
 * and embedding examples.
 *
 * @example
 * ```ts
 * const store = new MemoryEventStore();
 * await store.appendToStream("claim-1", [{ type: "ClaimRegistered", data: {} }], {
 *   expectedVersion: "no_stream",
 * });
 * ```
 */
export class MemoryEventStore implements EventStore {
  readonly #log: MemoryEventLog;
  readonly #categoryOf: CategoryOf;
  readonly #personalData: PersonalDataRegistry | undefined;
  readonly #decode: DecodeEvents;
  readonly #pageSize: number;

  constructor(options: MemoryEventStoreOptions = {}) {
    this.#log = options.log ?? new MemoryEventLog();
    this.#categoryOf = options.categoryOf ?? defaultCategoryOf;
    this.#personalData = options.personalData;
    this.#decode = createEventDecoder(this.#log, createUpcaster(options.upcasters ?? []));
    this.#pageSize = options.pageSize ?? 500;
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    assertExpectedVersion(options.expectedVersion);
    const protection = this.#personalData && {
      registry: this.#personalData,
      keys: this.#log,
      readStream: (id: string, read?: ReadStreamOptions) => this.readStream(id, read),
    };
    const prepared = await prepareEvents(streamId, events, protection);
    // From here on no await: the append is atomic with respect to other callers.
    const replay = this.#idempotentResult(streamId, prepared);
    if (replay !== undefined) return replay;
    const version = this.#log.streams.get(streamId)?.version ?? 0;
    if (!satisfiesExpectedVersion(options.expectedVersion, version)) {
      throw new ConcurrencyError(streamId, options.expectedVersion, version);
    }
    if (prepared.length === 0) return { nextExpectedVersion: version, globalPositions: [] };
    return this.#write(streamId, prepared);
  }

  #idempotentResult(
    streamId: string,
    prepared: readonly PreparedEvent[],
  ): AppendResult | undefined {
    const existing = prepared.map((event) => this.#log.eventsById.get(event.eventId));
    const first = existing[0];
    if (!existing.some((event) => event !== undefined)) return undefined;
    const isReplay =
      first !== undefined &&
      existing.every(
        (event, index) =>
          event?.streamId === streamId && event.streamPosition === first.streamPosition + index,
      );
    if (!isReplay) {
      const ids = prepared.map((event) => event.eventId);
      throw new EventIdConflictError(streamId, ids, "some ids exist elsewhere or in another order");
    }
    const positions = existing.map((event) => (event as StoredEvent).globalPosition);
    return {
      nextExpectedVersion: first.streamPosition + existing.length - 1,
      globalPositions: positions,
    };
  }

  #write(streamId: string, prepared: readonly PreparedEvent[]): AppendResult {
    const log = this.#log;
    const stream = log.streams.get(streamId) ?? { version: 0, lastHash: null, entries: [] };
    log.streams.set(streamId, stream);
    const category = this.#categoryOf(streamId);
    const recordedAt = new Date().toISOString();
    let previousHash = stream.lastHash;
    const written = prepared.map((event, index): StoredEvent => {
      const streamPosition = stream.version + index + 1;
      const recordedAtMs = Date.parse(recordedAt);
      const hash = linkHash({ previousHash, streamPosition, recordedAtMs, digest: event.digest });
      const stored = {
        streamId,
        streamPosition,
        globalPosition: log.entries.length + index + 1,
        eventId: event.eventId,
        type: event.type,
        data: deepFreeze(event.data),
        metadata: deepFreeze(event.metadata),
        recordedAt,
        previousHash,
        hash,
      };
      previousHash = hash;
      return stored;
    });
    for (const event of written) {
      const entry = { event, category };
      log.entries.push(entry);
      stream.entries.push(entry);
      log.eventsById.set(event.eventId, event);
    }
    stream.version += written.length;
    stream.lastHash = previousHash;
    log.changes.notify();
    const globalPositions = written.map((event) => event.globalPosition);
    return { nextExpectedVersion: stream.version, globalPositions };
  }

  async *readStream(
    streamId: string,
    options: ReadStreamOptions = {},
  ): AsyncIterable<RecordedEvent> {
    const entries = this.#log.streams.get(streamId)?.entries ?? [];
    const bounds = streamBounds(options);
    const cutoff = recordedAtCutoff(options);
    const late =
      cutoff === undefined
        ? -1
        : entries.findIndex((entry) => Date.parse(entry.event.recordedAt) > cutoff);
    const end = Math.min(bounds.high, late === -1 ? entries.length : late);
    const inRange = entries.slice(bounds.low - 1, Math.max(end, bounds.low - 1));
    const ordered = bounds.direction === "forward" ? inRange : inRange.reverse();
    const stored = ordered.slice(0, bounds.maxCount).map((entry) => entry.event);
    for (let start = 0; start < stored.length; start += this.#pageSize) {
      yield* await this.#decode(stored.slice(start, start + this.#pageSize));
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let cursor = options.fromPosition ?? 0;
    const end = this.#log.entries.length;
    while (remaining > 0 && cursor < end) {
      const page = this.#scanAll(cursor, options.filter, Math.min(remaining, this.#pageSize), end);
      yield* await this.#decode(page.events);
      remaining -= page.events.length;
      cursor = page.cursor;
    }
  }

  async readAllPage(options: ReadAllPageOptions): Promise<AllPage> {
    const end = this.#log.entries.length;
    const page = this.#scanAll(options.fromPosition ?? 0, options.filter, options.maxCount, end);
    // A full page stops right after its last event; a short one scanned to the end.
    return { events: await this.#decode(page.events), checkpoint: page.cursor, head: end };
  }

  #scanAll(after: number, filter: EventFilter | undefined, limit: number, end: number) {
    const events: StoredEvent[] = [];
    let cursor = Math.max(after, 0);
    while (cursor < end && events.length < limit) {
      const entry = this.#log.entries[cursor] as MemoryLogEntry;
      cursor += 1;
      if (matches(entry, filter)) events.push(entry.event);
    }
    return { events, cursor };
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    return createCatchUpSubscription(
      options.fromPosition ?? 0,
      async (cursor) => {
        const end = this.#log.entries.length;
        const page = this.#scanAll(cursor, options.filter, this.#pageSize, end);
        return {
          events: await this.#decode(page.events),
          cursor: page.cursor,
          caughtUp: page.cursor >= end,
        };
      },
      this.#log.changes,
      { pollIntervalMs: 60_000, retryDelayMs: 0 },
    );
  }

  subscribeToStream(streamId: string, options: SubscribeToStreamOptions = {}): EventSubscription {
    return createCatchUpSubscription(
      options.fromVersion ?? 0,
      async (cursor) => {
        const entries = this.#log.streams.get(streamId)?.entries ?? [];
        const page = entries.slice(cursor, cursor + this.#pageSize).map((entry) => entry.event);
        const next = cursor + page.length;
        return { events: await this.#decode(page), cursor: next, caughtUp: next >= entries.length };
      },
      this.#log.changes,
      { pollIntervalMs: 60_000, retryDelayMs: 0 },
    );
  }

  async streamVersion(streamId: string): Promise<number> {
    return this.#log.streams.get(streamId)?.version ?? 0;
  }

  async headPosition(): Promise<number> {
    return this.#log.entries.length;
  }

  async verifyStream(streamId: string): Promise<StreamVerification> {
    const stream = this.#log.streams.get(streamId);
    const events = (stream?.entries ?? []).map((entry) => entry.event);
    return verifyHashChain(
      streamId,
      events,
      stream && { version: stream.version, lastHash: stream.lastHash },
    );
  }

  async forgetSubject(subjectId: string): Promise<void> {
    await this.#log.forget(subjectId);
    this.#log.forgotten.emit(subjectId);
  }

  onSubjectForgotten(listener: (subjectId: string | undefined) => void): () => void {
    return this.#log.forgotten.add(listener);
  }

  async close(): Promise<void> {}
}
