/** A folded state, the stream version it reflects and when it was folded. */
interface CachedState<S> {
  readonly version: number;
  readonly state: S;
  readonly foldedAt: number;
}

export interface StateCacheOptions {
  /** States kept at most; the least recently used goes first. */
  readonly maxEntries: number;
  /** A state older than this is folded again even at the same version. */
  readonly maxAgeMs: number;
  /** Milliseconds since the epoch (tests pass a fake). */
  readonly now?: () => number;
}

/**
 * Folded aggregate states by stream id, each valid only at the stream version it was folded at.
 * Events are immutable and versions only grow, so a state at the stream's current version is
 * the state a fresh fold would give, with one exception the stream version does not show:
 * crypto-shredding turns personal fields into `{ erased: true }` in place. {@link clear} drops
 * everything on every forget the store hears of (`onSubjectForgotten`: this process's at once,
 * other processes' through PostgreSQL `NOTIFY`); `maxAgeMs` bounds how long a state folded
 * before a forget the store did not hear of can be served.
 *
 * @example
 * ```ts
 * const states = new StateCache<AggregateSnapshot>({ maxEntries: 5_000, maxAgeMs: 5_000 });
 * states.set("claim-C-1", 3, snapshot);
 * states.get("claim-C-1", await store.streamVersion("claim-C-1")); // snapshot while still at 3
 * ```
 */
export class StateCache<S> {
  readonly #entries = new Map<string, CachedState<S>>();
  readonly #now: () => number;

  constructor(private readonly options: StateCacheOptions) {
    this.#now = options.now ?? Date.now;
  }

  /** Is a state of the stream held (at any version, fresh or not)? */
  has(streamId: string): boolean {
    return this.#entries.has(streamId);
  }

  /** The state folded at exactly `version`, unless older than `maxAgeMs`. */
  get(streamId: string, version: number): S | undefined {
    const entry = this.#entries.get(streamId);
    if (entry === undefined) return undefined;
    if (entry.version !== version || this.#now() - entry.foldedAt > this.options.maxAgeMs) {
      this.#entries.delete(streamId);
      return undefined;
    }
    // Map order is insertion order: re-inserting marks the entry as the most recently used.
    this.#entries.delete(streamId);
    this.#entries.set(streamId, entry);
    return entry.state;
  }

  /** Keeps the state folded at `version`, unless a later version is already held. */
  set(streamId: string, version: number, state: S): void {
    const held = this.#entries.get(streamId);
    if (held !== undefined && held.version > version) return;
    this.#entries.delete(streamId);
    this.#entries.set(streamId, { version, state, foldedAt: this.#now() });
    if (this.#entries.size > this.options.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }

  /** Drops every state (after a subject was forgotten). */
  clear(): void {
    this.#entries.clear();
  }

  /** How many states are held. */
  get size(): number {
    return this.#entries.size;
  }
}
