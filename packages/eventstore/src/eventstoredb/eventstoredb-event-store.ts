import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  WrongExpectedVersionError,
} from "@eventstore/db-client";
import { readAllPageThroughReadAll } from "../all-page.js";
import { type CategoryOf, defaultCategoryOf } from "../category.js";
import { createEventDecoder, type DecodeEvents } from "../decode-events.js";
import { ConcurrencyError } from "../errors.js";
import { assertExpectedVersion, satisfiesExpectedVersion } from "../expected-version.js";
import { verifyHashChain } from "../hash-chain.js";
import type {
  AllPage,
  AppendOptions,
  AppendResult,
  EventStore,
  EventSubscription,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadAllPageOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamVerification,
  SubscribeToAllOptions,
  SubscribeToStreamOptions,
} from "../port.js";
import { prepareEvents } from "../prepare-events.js";
import type { PersonalDataRegistry, SubjectKeyStore } from "../shredding.js";
import type { StoredEvent } from "../stored-event.js";
import { ForgetListeners } from "../subscription/forget-listeners.js";
import { createUpcaster, type Upcaster } from "../upcasting.js";
import { appendAfterTail, readStreamTail } from "./eventstoredb-append.js";
import {
  type CompetingConsumer,
  type CompetingConsumerOptions,
  startCompetingConsumer,
} from "./eventstoredb-competing-consumer.js";
import { toRevision } from "./eventstoredb-mapping.js";
import {
  inPages,
  passes,
  readStreamStored,
  serverFilter,
  storedEventsOf,
} from "./eventstoredb-reads.js";
import { EventStoreDbSubjectKeyStore } from "./eventstoredb-subject-key-store.js";
import { esdbSubscription } from "./eventstoredb-subscription.js";

/** Options of {@link EventStoreDbEventStore.connect}. Give `connectionString` or `client`. */
export interface EventStoreDbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false` (the `EVENTSTORE_URL` variable). */
  readonly connectionString?: string;
  /** A client to share; `close()` leaves it open. */
  readonly client?: EventStoreDBClient;
  readonly categoryOf?: CategoryOf;
  readonly upcasters?: readonly Upcaster[];
  readonly personalData?: PersonalDataRegistry;
  /** Where subject keys live (default: one ESDB stream per subject). */
  readonly keyStore?: SubjectKeyStore;
  /** Re-reads of the stream head when `any`/`stream_exists` appends race (default 10). */
  readonly appendRetries?: number;
  /** Events decoded per batch (default 500). */
  readonly pageSize?: number;
}

/**
 * The EventStoreDB / KurrentDB adapter, for deployments that outgrow one PostgreSQL: ESDB
 * clusters replicate and scale reads. Same port, same hash chain and shredding (keys in ESDB
 * streams). `globalPosition` is ESDB's commit position.
 *
 * @example
 * ```ts
 * const store = await EventStoreDbEventStore.connect({
 *   connectionString: process.env.EVENTSTORE_URL ?? "esdb://localhost:2113?tls=false",
 * });
 * ```
 */
export class EventStoreDbEventStore implements EventStore {
  readonly #keys: SubjectKeyStore;
  readonly #forgotten = new ForgetListeners();
  readonly #decode: DecodeEvents;
  readonly #categoryOf: CategoryOf;
  readonly #pageSize: number;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly ownsClient: boolean,
    private readonly options: EventStoreDbEventStoreOptions,
  ) {
    this.#keys = options.keyStore ?? new EventStoreDbSubjectKeyStore(client);
    this.#decode = createEventDecoder(this.#keys, createUpcaster(options.upcasters ?? []));
    this.#categoryOf = options.categoryOf ?? defaultCategoryOf;
    this.#pageSize = options.pageSize ?? 500;
  }

  /** Creates the store (the gRPC connection opens on first use). */
  static async connect(options: EventStoreDbEventStoreOptions): Promise<EventStoreDbEventStore> {
    if (options.client === undefined && options.connectionString === undefined) {
      throw new TypeError("EventStoreDbEventStore needs a connectionString or a client");
    }
    const client =
      options.client ?? EventStoreDBClient.connectionString(options.connectionString as string);
    return new EventStoreDbEventStore(client, options.client === undefined, options);
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    const expected = options.expectedVersion;
    assertExpectedVersion(expected);
    const registry = this.options.personalData;
    const prepared = await prepareEvents(
      streamId,
      events,
      registry && {
        registry,
        keys: this.#keys,
        readStream: (id: string, read?: ReadStreamOptions) => this.readStream(id, read),
      },
    );
    const mayReplay = events.some((event) => event.eventId !== undefined);
    for (let attempt = 0; ; attempt += 1) {
      const tail = await readStreamTail(this.client, streamId, mayReplay ? prepared : []);
      if (tail.replay !== undefined) return tail.replay;
      if (!satisfiesExpectedVersion(expected, tail.version)) {
        throw new ConcurrencyError(streamId, expected, tail.version);
      }
      if (prepared.length === 0) return { nextExpectedVersion: tail.version, globalPositions: [] };
      try {
        return await appendAfterTail(this.client, streamId, prepared, tail);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (!this.#mayRetry(expected, attempt)) {
          const actual = error.actualVersion === NO_STREAM ? 0 : Number(error.actualVersion) + 1;
          throw new ConcurrencyError(streamId, expected, actual);
        }
      }
    }
  }

  // Only "any"/"stream_exists" appends retry: the writer's expectation still holds, only the
  // hash chain's head moved.
  #mayRetry(expected: ExpectedVersion, attempt: number): boolean {
    return (
      (expected === "any" || expected === "stream_exists") &&
      attempt < (this.options.appendRetries ?? 10)
    );
  }

  async *readStream(
    streamId: string,
    options: ReadStreamOptions = {},
  ): AsyncIterable<RecordedEvent> {
    for await (const page of inPages(
      readStreamStored(this.client, streamId, options),
      this.#pageSize,
    )) {
      yield* await this.#decode(page);
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const from = options.fromPosition ?? 0;
    const fromPosition = from > 0 ? { commit: BigInt(from), prepare: BigInt(from) } : START;
    const matches = passes(options.filter, this.#categoryOf);
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    const selected = async function* (source: AsyncIterable<StoredEvent>) {
      for await (const event of source) {
        if (remaining <= 0) return;
        if (event.globalPosition <= from || !matches(event)) continue;
        remaining -= 1;
        yield event;
      }
    };
    const source = storedEventsOf(this.client.readAll({ direction: FORWARDS, fromPosition }));
    for await (const page of inPages(selected(source), this.#pageSize))
      yield* await this.#decode(page);
  }

  readAllPage(options: ReadAllPageOptions): Promise<AllPage> {
    return readAllPageThroughReadAll(this, options);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    const from = options.fromPosition ?? 0;
    const subscription = this.client.subscribeToAll({
      fromPosition: from > 0 ? { commit: BigInt(from), prepare: BigInt(from) } : START,
      filter: serverFilter(options.filter, this.options.categoryOf === undefined),
    });
    const matches = passes(options.filter, this.#categoryOf);
    return esdbSubscription(
      subscription,
      (event) => event.globalPosition > from && matches(event),
      this.#decode,
    );
  }

  subscribeToStream(streamId: string, options: SubscribeToStreamOptions = {}): EventSubscription {
    const from = options.fromVersion ?? 0;
    const subscription = this.client.subscribeToStream(streamId, {
      fromRevision: from > 0 ? toRevision(from) : START,
    });
    return esdbSubscription(subscription, (event) => event.streamPosition > from, this.#decode);
  }

  async streamVersion(streamId: string): Promise<number> {
    return (await readStreamTail(this.client, streamId, [])).version;
  }

  async headPosition(): Promise<number> {
    const source = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1000 });
    for await (const event of storedEventsOf(source)) return event.globalPosition;
    return 0;
  }

  verifyStream(streamId: string): Promise<StreamVerification> {
    return verifyHashChain(streamId, readStreamStored(this.client, streamId, {}));
  }

  /**
   * Competing consumers for projection workers: a persistent subscription group to `$all`,
   * the load spread over every process that joins it (ESDB only).
   */
  consumeCompeting(options: CompetingConsumerOptions): Promise<CompetingConsumer> {
    const matches = passes(options.filter, this.#categoryOf);
    const defaultCategories = this.options.categoryOf === undefined;
    return startCompetingConsumer(this.client, this.#decode, options, matches, defaultCategories);
  }

  async forgetSubject(subjectId: string): Promise<void> {
    await this.#keys.forget(subjectId);
    this.#forgotten.emit(subjectId);
  }

  // Only this process's forgets: other processes' caches wait out their maximum age.
  onSubjectForgotten(listener: (subjectId: string | undefined) => void): () => void {
    return this.#forgotten.add(listener);
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.client.dispose();
  }
}
