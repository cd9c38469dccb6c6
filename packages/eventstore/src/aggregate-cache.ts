/** What an {@link AggregateCache} remembers of one stream. */
export interface CachedAggregate<State> {
  /** The stream version `state` was folded up to. */
  readonly version: number;
  /** The decider's state after the stream's first `version` events. Never mutate it. */
  readonly state: State;
  /**
   * Ids of the stream's events that an idempotency key may have derived (UUIDv8, see
   * `deterministicEventId`), so a repeated command is recognised without reading the stream.
   */
  readonly derivedEventIds: ReadonlySet<string>;
}

export interface AggregateCacheOptions {
  /** Most streams kept; the least recently used one is dropped beyond it. */
  readonly maxStreams: number;
  /**
   * Drop an entry this long after it was stored (default: never). Bounds how long a forget the
   * store does not hear of (`onSubjectForgotten`) can take to reach this cache.
   */
  readonly maxAgeMs?: number;
  /** Clock in milliseconds (default `Date.now`); for tests. */
  readonly now?: () => number;
}

/**
 * A bounded, least-recently-used map from stream id to {@link CachedAggregate}, shared by the
 * command handlers of one decider (one aggregate type) on one store. An entry may be stale
 * (another writer appended since): the command handler appends with the cached version, so a
 * stale entry costs a `ConcurrencyError` and a read of the missing events, never a wrong
 * decision.
 */
export interface AggregateCache<State> {
  /** The entry of `streamId`, marking it as recently used; `undefined` when absent or expired. */
  get(streamId: string): CachedAggregate<State> | undefined;
  set(streamId: string, aggregate: CachedAggregate<State>): void;
  delete(streamId: string): void;
  /**
   * Drops every entry: call it on every forget (`store.onSubjectForgotten`), so no cached state
   * keeps erased fields.
   */
  clear(): void;
  /** Number of entries (expired ones included until they are next looked up). */
  readonly size: number;
}

interface Entry<State> {
  readonly aggregate: CachedAggregate<State>;
  readonly storedAt: number;
}

/**
 * Builds an {@link AggregateCache} for `createCommandHandler`'s `cache` option.
 *
 * @example
 * ```ts
 * const claims = createAggregateCache<ClaimState>({ maxStreams: 10_000, maxAgeMs: 60_000 });
 * const handle = createCommandHandler({ store, decider: claimDecider, cache: claims });
 * ```
 */
export const createAggregateCache = <State>(
  options: AggregateCacheOptions,
): AggregateCache<State> => {
  if (!Number.isSafeInteger(options.maxStreams) || options.maxStreams < 1) {
    throw new RangeError(`maxStreams must be a positive integer, got ${options.maxStreams}`);
  }
  const now = options.now ?? Date.now;
  const maxAgeMs = options.maxAgeMs ?? Number.POSITIVE_INFINITY;
  // A Map iterates in insertion order: re-inserting on use keeps the least recent first.
  const entries = new Map<string, Entry<State>>();
  return {
    get(streamId) {
      const entry = entries.get(streamId);
      if (entry === undefined) return undefined;
      entries.delete(streamId);
      if (now() - entry.storedAt > maxAgeMs) return undefined;
      entries.set(streamId, entry);
      return entry.aggregate;
    },
    set(streamId, aggregate) {
      entries.delete(streamId);
      entries.set(streamId, { aggregate, storedAt: now() });
      for (const oldest of entries.keys()) {
        if (entries.size <= options.maxStreams) break;
        entries.delete(oldest);
      }
    },
    delete(streamId) {
      entries.delete(streamId);
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
};
