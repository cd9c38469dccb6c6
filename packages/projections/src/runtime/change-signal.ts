/**
 * Wakes the workers when there may be something to do: new events in the store, a control
 * request, a lost lease. A counter, not a flag: a worker notes `version` before it reads, so a
 * change that lands while it reads still wakes its next wait.
 */
export class ChangeSignal {
  #version = 0;
  readonly #waiters = new Set<() => void>();

  /** Increases with every {@link ChangeSignal.notify}. */
  get version(): number {
    return this.#version;
  }

  /** Something changed: wake every waiter. */
  notify(): void {
    this.#version += 1;
    for (const wake of this.#waiters) wake();
    this.#waiters.clear();
  }

  /** Resolves once `version` moves past `since`, after `timeoutMs` (polling), or on abort. */
  wait(since: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
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
