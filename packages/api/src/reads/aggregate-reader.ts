import { type DomainError, domainError, foldEvents } from "@claimstream/domain";
import type {
  DomainEventLike,
  EventStore,
  RecordedEvent,
  StreamVerification,
} from "@claimstream/eventstore";
import * as E from "fp-ts/lib/Either.js";
import type { Aggregate } from "../aggregates/aggregate.js";
import { canSeeInsurer, type Principal } from "../auth/principal.js";
import { StateCache, type StateCacheOptions } from "./state-cache.js";

/** An aggregate's state folded from its events, with the stream version it reflects. */
export interface AggregateSnapshot {
  readonly id: string;
  readonly streamId: string;
  readonly version: number;
  readonly state: unknown;
}

const MAX_CACHED_INSURERS = 100_000;

export interface AggregateReaderOptions {
  /** Bounds of the current-state cache (default: 5,000 states, 5 s). */
  readonly states?: StateCacheOptions;
}

const DEFAULT_STATES: StateCacheOptions = { maxEntries: 5_000, maxAgeMs: 5_000 };

const collect = async (events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
};

const snapshotOf = (
  aggregate: Aggregate,
  id: string,
  events: readonly RecordedEvent[],
): AggregateSnapshot => ({
  id,
  streamId: aggregate.streamId(id),
  version: events.at(-1)?.streamPosition ?? 0,
  state: foldEvents(
    aggregate.decider,
    events.map((event) => event.data as unknown as DomainEventLike),
  ),
});

/**
 * Reads aggregates for a caller: state, state as of an instant, history and hash-chain
 * verification. A stream that does not exist, or belongs to an insurer the caller may not see,
 * is the same `*.not_found` domain error, so a scoped key cannot probe other insurers' ids.
 *
 * Current states are cached per stream ({@link StateCache}): a state read again costs one
 * stream-version query instead of reading, decrypting and folding every event, and is folded
 * again as soon as the version moved, whoever wrote. Forget subjects through
 * {@link AggregateReader.forgetSubject} so that cached states lose their personal fields at once.
 *
 * @example
 * ```ts
 * const reader = new AggregateReader(store);
 * const snapshot = await reader.current(claimAggregate, "C-1", principal); // Either<DomainError, AggregateSnapshot>
 * ```
 */
export class AggregateReader {
  readonly #states: StateCache<AggregateSnapshot>;
  // Bumped by each forget: a fold begun before it may hold decrypted fields and is not cached.
  #forgets = 0;
  readonly #forgetListeners: (() => void)[] = [];

  constructor(
    private readonly store: EventStore,
    options: AggregateReaderOptions = {},
  ) {
    this.#states = new StateCache(options.states ?? DEFAULT_STATES);
    // Forgets by other processes too (PostgreSQL `NOTIFY`), within milliseconds.
    store.onSubjectForgotten(() => this.#dropDecrypted());
  }

  // A stream's first event never changes, so neither does its insurer: cached per stream.
  readonly #insurers = new Map<string, string>();

  /**
   * The insurer of a stream, from its creation event (immutable, so the answer never changes);
   * `undefined` when the stream does not exist.
   */
  async insurerOf(streamId: string): Promise<string | undefined> {
    const known = this.#insurers.get(streamId);
    if (known !== undefined) return known;
    for await (const event of this.store.readStream(streamId, { maxCount: 1 })) {
      const insurerId = event.data.insurerId;
      const insurer = typeof insurerId === "string" ? insurerId : (event.metadata.tenantId ?? "");
      if (this.#insurers.size >= MAX_CACHED_INSURERS) this.#insurers.clear();
      this.#insurers.set(streamId, insurer);
      return insurer;
    }
    return undefined;
  }

  /** Right with the stream's insurer when the caller may see the aggregate, else `*.not_found`. */
  async visible(
    aggregate: Aggregate,
    id: string,
    principal: Principal,
  ): Promise<E.Either<DomainError, string>> {
    const insurerId = await this.insurerOf(aggregate.streamId(id));
    return insurerId !== undefined && canSeeInsurer(principal, insurerId)
      ? E.right(insurerId)
      : E.left(domainError(aggregate.notFoundCode, `${aggregate.label} ${id} not found`, { id }));
  }

  /** The current state: cached while the stream stays at its version, else folded afresh. */
  async current(
    aggregate: Aggregate,
    id: string,
    principal: Principal,
  ): Promise<E.Either<DomainError, AggregateSnapshot>> {
    const visible = await this.visible(aggregate, id, principal);
    if (E.isLeft(visible)) return visible;
    const streamId = aggregate.streamId(id);
    // Only a held state needs the version query; without one, read and fold straight away.
    if (this.#states.has(streamId)) {
      const cached = this.#states.get(streamId, await this.store.streamVersion(streamId));
      if (cached !== undefined) return E.right(cached);
    }
    const forgets = this.#forgets;
    const snapshot = snapshotOf(aggregate, id, await collect(this.store.readStream(streamId)));
    if (forgets === this.#forgets) this.#states.set(streamId, snapshot.version, snapshot);
    return E.right(snapshot);
  }

  /**
   * Crypto-shreds a data subject in the store (`EventStore.forgetSubject`) and drops every
   * cached state, so the subject's fields read `{ erased: true }` from the next read on.
   */
  async forgetSubject(subjectId: string): Promise<void> {
    try {
      // A store tells its own forgets to `onSubjectForgotten` at once: that drops the states.
      await this.store.forgetSubject(subjectId);
    } catch (error) {
      // The key may be gone even so: drop everything rather than keep what may be erased.
      this.#dropDecrypted();
      throw error;
    }
  }

  #dropDecrypted(): void {
    this.#forgets += 1;
    this.#states.clear();
    for (const listener of this.#forgetListeners) listener();
  }

  /**
   * Calls `listener` after every forget, this process's or (as the store hears of it) another
   * one's: other caches of decrypted states (the command handlers') drop their entries with it.
   */
  onForget(listener: () => void): void {
    this.#forgetListeners.push(listener);
  }

  /**
   * How many forgets this reader has carried out: work begun at one count must not cache a
   * decrypted state once the count has moved.
   */
  get forgets(): number {
    return this.#forgets;
  }

  /** The state rebuilt from the events recorded up to `asOf` (ISO 8601). */
  async asOf(
    aggregate: Aggregate,
    id: string,
    principal: Principal,
    asOf: string,
  ): Promise<E.Either<DomainError, AggregateSnapshot>> {
    const visible = await this.visible(aggregate, id, principal);
    if (E.isLeft(visible)) return visible;
    const events = await collect(
      this.store.readStream(aggregate.streamId(id), { upToRecordedAt: asOf }),
    );
    if (events.length === 0) {
      return E.left(
        domainError(aggregate.notFoundCode, `${aggregate.label} ${id} did not exist at ${asOf}`, {
          id,
          asOf,
        }),
      );
    }
    return E.right(snapshotOf(aggregate, id, events));
  }

  /** Every event of the aggregate's stream, in order. */
  async history(
    aggregate: Aggregate,
    id: string,
    principal: Principal,
  ): Promise<E.Either<DomainError, RecordedEvent[]>> {
    const visible = await this.visible(aggregate, id, principal);
    if (E.isLeft(visible)) return visible;
    return E.right(await collect(this.store.readStream(aggregate.streamId(id))));
  }

  /** Recomputes the stream's hash chain. */
  async verify(
    aggregate: Aggregate,
    id: string,
    principal: Principal,
  ): Promise<E.Either<DomainError, StreamVerification>> {
    const visible = await this.visible(aggregate, id, principal);
    if (E.isLeft(visible)) return visible;
    return E.right(await this.store.verifyStream(aggregate.streamId(id)));
  }
}
