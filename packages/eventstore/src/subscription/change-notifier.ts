/**
 * Wakes readers when there may be something new (events in the store, a control request). A
 * counter, not a flag: a reader notes `version` before reading, and a change that lands while
 * it reads is not lost.
 *
 * @example
 * ```ts
 * const changes = new ChangeNotifier();
 * const seen = changes.version;
 * // … read everything there is …
 * await changes.waitForChange(seen, 1_000, abort.signal); // woken by changes.notify() or after 1 s
 * ```
 */
export class ChangeNotifier {
  #version = 0;
  #waiters = new Set<() => void>();

  /** Increases with every {@link notify}. */
  get version(): number {
    return this.#version;
  }

  /** Something changed: wake every waiter. */
  notify(): void {
    this.#version += 1;
    for (const wake of this.#waiters) wake();
    this.#waiters.clear();
  }

  /**
   * Resolves when `version` moves past `since`, after `timeoutMs` (the polling fallback), or
   * when `signal` aborts, whichever comes first.
   */
  waitForChange(since: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.#version !== since || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener("abort", done, { once: true });
      this.#waiters.add(done);
    });
  }
}
