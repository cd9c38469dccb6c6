import pg from "pg";
import { type CategoryOf, defaultCategoryOf } from "../category.js";
import { createEventDecoder, type DecodeEvents } from "../decode-events.js";
import { ConcurrencyError } from "../errors.js";
import { assertExpectedVersion, satisfiesExpectedVersion } from "../expected-version.js";
import { verifyHashChain } from "../hash-chain.js";
import type { KeyWrapper } from "../key-wrapping.js";
import type {
  AllPage,
  AppendOptions,
  AppendResult,
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
import { prepareEvents } from "../prepare-events.js";
import type { PersonalDataRegistry } from "../shredding.js";
import {
  type CatchUpPage,
  createCatchUpSubscription,
} from "../subscription/catch-up-subscription.js";
import { ChangeNotifier } from "../subscription/change-notifier.js";
import { ForgetListeners } from "../subscription/forget-listeners.js";
import { createUpcaster, type Upcaster } from "../upcasting.js";
import { ChangeAnnouncer } from "./change-announcer.js";
import { migrateEventStore } from "./migrate.js";
import { appendPreparedEvents } from "./postgres-append.js";
import { PostgresChangeListener } from "./postgres-change-listener.js";
import { PostgresEventReader } from "./postgres-event-reader.js";
import {
  PostgresSubjectKeyStore,
  type RewrapReport,
  type SubjectKeyStatus,
} from "./postgres-subject-key-store.js";

/** Options of {@link PostgresEventStore.connect}. Give `connectionString` or `pool`. */
export interface PostgresEventStoreOptions {
  readonly connectionString?: string;
  /** A pool to share (e.g. with projections); `close()` leaves it open. */
  readonly pool?: pg.Pool;
  /** Size of the pool created from `connectionString` (default 10). */
  readonly poolSize?: number;
  readonly categoryOf?: CategoryOf;
  readonly upcasters?: readonly Upcaster[];
  readonly personalData?: PersonalDataRegistry;
  /**
   * Wraps subject keys with a key-encryption key held outside the database (ADR 0003). Without
   * one, keys are stored as is.
   */
  readonly keyWrapper?: KeyWrapper;
  /** Apply the package's migrations on connect (default `true`). */
  readonly migrate?: boolean;
  /** Wake subscriptions with `LISTEN/NOTIFY` (default `true`); polling always backs it up. */
  readonly listen?: boolean;
  /** Longest wait of a caught-up subscription between reads (default 1000 ms). */
  readonly pollIntervalMs?: number;
  /**
   * How long the `NOTIFY` after an append waits for more appends to share it (default 5 ms;
   * 0 sends at once): a steady write load costs one notification per interval, not per append.
   */
  readonly notifyCoalesceMs?: number;
  /** Rows per query (default 1000). */
  readonly pageSize?: number;
  /**
   * How long `readAll`/`headPosition` wait for transactions in flight at the call to finish
   * (default 5000 ms); afterwards they return what can be delivered in order.
   */
  readonly consistencyTimeoutMs?: number;
}

/**
 * The PostgreSQL adapter (the default). Positions are gap-safe for `$all` readers (ADR 0001),
 * each batch is one round trip, streams carry a SHA-256 hash chain, personal fields are
 * encrypted with per-subject keys in `eventstore.subject_keys`.
 *
 * @example
 * ```ts
 * const database = await resolveDatabase(); // DATABASE_URL, or an embedded PostgreSQL
 * const store = await PostgresEventStore.connect({ connectionString: database.connectionString });
 * await store.appendToStream("claim-42", [{ type: "ClaimRegistered", data: { claimId: "42" } }], {
 *   expectedVersion: "no_stream",
 * });
 * for await (const event of store.subscribeToAll({ fromPosition: checkpoint })) project(event);
 * ```
 */
export class PostgresEventStore implements EventStore {
  readonly #changes = new ChangeNotifier();
  readonly #forgotten = new ForgetListeners();
  readonly #subscriptions = new Set<EventSubscription>();
  readonly #listener: PostgresChangeListener | undefined;
  readonly #announcer: ChangeAnnouncer;
  readonly #keys: PostgresSubjectKeyStore;
  readonly #reader: PostgresEventReader;
  readonly #decode: DecodeEvents;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly ownsPool: boolean,
    private readonly options: PostgresEventStoreOptions,
  ) {
    this.#keys = new PostgresSubjectKeyStore(pool, options.keyWrapper);
    this.#announcer = new ChangeAnnouncer(pool, options.notifyCoalesceMs);
    this.#decode = createEventDecoder(this.#keys, createUpcaster(options.upcasters ?? []));
    this.#reader = new PostgresEventReader(pool, this.#decode, {
      pageSize: options.pageSize ?? 1_000,
      consistencyTimeoutMs: options.consistencyTimeoutMs ?? 5000,
    });
    this.#listener =
      options.listen === false
        ? undefined
        : new PostgresChangeListener(pool, this.#changes, this.#forgotten);
  }

  // An idle client the server drops (restart, pg_terminate_backend) makes the pool emit
  // 'error'; without a listener that event would crash the process. The next query reconnects.
  static #ownPool(options: PostgresEventStoreOptions): pg.Pool {
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
    });
    pool.on("error", () => undefined);
    return pool;
  }

  /** Connects (and by default migrates) a store. */
  static async connect(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const pool = options.pool ?? PostgresEventStore.#ownPool(options);
    const store = new PostgresEventStore(pool, options.pool === undefined, options);
    try {
      if (options.migrate !== false) await migrateEventStore(pool);
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    assertExpectedVersion(options.expectedVersion);
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
    if (prepared.length === 0) {
      const version = await this.streamVersion(streamId);
      if (!satisfiesExpectedVersion(options.expectedVersion, version)) {
        throw new ConcurrencyError(streamId, options.expectedVersion, version);
      }
      return { nextExpectedVersion: version, globalPositions: [] };
    }
    const category = (this.options.categoryOf ?? defaultCategoryOf)(streamId);
    const { expectedVersion } = options;
    const result = await appendPreparedEvents(
      this.pool,
      streamId,
      category,
      expectedVersion,
      prepared,
    );
    this.#announcer.announce();
    return result;
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    return this.#reader.readStream(streamId, options);
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    return this.#reader.readAll(options);
  }

  readAllPage(options: ReadAllPageOptions): Promise<AllPage> {
    return this.#reader.readAllPage(options);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    return this.#follow(options.fromPosition ?? 0, (cursor) =>
      this.#reader.allPageForSubscription(cursor, options.filter),
    );
  }

  subscribeToStream(streamId: string, options: SubscribeToStreamOptions = {}): EventSubscription {
    return this.#follow(options.fromVersion ?? 0, (cursor) =>
      this.#reader.streamPageForSubscription(streamId, cursor),
    );
  }

  // Subscriptions are tracked so that close() can end them before the pool goes away.
  #follow(
    start: number,
    readPage: (cursor: number) => Promise<CatchUpPage<number>>,
  ): EventSubscription {
    void this.#listener?.start();
    const timing = { pollIntervalMs: this.options.pollIntervalMs ?? 1000, retryDelayMs: 5 };
    const subscription: EventSubscription = createCatchUpSubscription(
      start,
      readPage,
      this.#changes,
      timing,
      () => this.#subscriptions.delete(subscription),
    );
    this.#subscriptions.add(subscription);
    return subscription;
  }

  async streamVersion(streamId: string): Promise<number> {
    return (await this.#reader.streamHead(streamId))?.version ?? 0;
  }

  headPosition(): Promise<number> {
    return this.#reader.headPosition();
  }

  async verifyStream(streamId: string): Promise<StreamVerification> {
    const head = await this.#reader.streamHead(streamId);
    return verifyHashChain(streamId, this.#reader.storedEvents(streamId), head);
  }

  async forgetSubject(subjectId: string): Promise<void> {
    await this.#keys.forget(subjectId);
    // This process's listeners at once; other processes' (and ours again) through NOTIFY.
    this.#forgotten.emit(subjectId);
  }

  /** How many live subject keys are wrapped under which KEK (`unwrapped`: stored as is). */
  subjectKeyStatus(): Promise<SubjectKeyStatus> {
    return this.#keys.status();
  }

  /**
   * Re-wraps every live subject key under the key wrapper's current KEK (a KEK rotation);
   * afterwards older KEKs wrap nothing live and may be destroyed.
   */
  rewrapSubjectKeys(): Promise<RewrapReport> {
    return this.#keys.rewrap();
  }

  onSubjectForgotten(listener: (subjectId: string | undefined) => void): () => void {
    void this.#listener?.start();
    return this.#forgotten.add(listener);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.stop()));
    this.#subscriptions.clear();
    await this.#listener?.close();
    await this.#announcer.drain();
    if (this.ownsPool) await this.pool.end();
  }
}
