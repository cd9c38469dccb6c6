import type { Logger } from "pino";
import type { AdvisoryLease } from "./advisory-lease.js";

/** What a {@link LeasedLoop} runs. */
export interface LeasedLoopOptions {
  readonly name: string;
  readonly lease: AdvisoryLease;
  readonly intervalMs: number;
  /** One round of work; runs only while the lease is held. */
  readonly tick: () => Promise<void>;
  readonly logger: Logger;
}

/**
 * A background worker with a lease: every `intervalMs` it takes (or re-checks) its lease and,
 * holding it, runs one tick. Other processes running the same loop stand by. A failing tick is
 * logged and retried on the next round; `stop()` waits for the tick in progress, then gives the
 * lease back.
 *
 * @example
 * ```ts
 * const loop = new LeasedLoop({ name: "deadline-scheduler", lease, intervalMs: 60_000, tick, logger });
 * loop.start();
 * await loop.stop();
 * ```
 */
export class LeasedLoop {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;

  constructor(private readonly options: LeasedLoopOptions) {}

  /** Starts the rounds (the first one at once). */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(0);
  }

  /** Runs one round now (tests; an operator's "run now"); resolves when it is done. */
  async runOnce(): Promise<void> {
    if (this.#running !== undefined) await this.#running;
    this.#running = this.#round().finally(() => {
      this.#running = undefined;
    });
    await this.#running;
  }

  /** Stops the rounds, waits for the one in progress and releases the lease. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
    await this.options.lease.release();
  }

  #schedule(delayMs: number): void {
    this.#timer = setTimeout(() => {
      void this.runOnce().finally(() => {
        if (!this.#stopped) this.#schedule(this.options.intervalMs);
      });
    }, delayMs);
  }

  async #round(): Promise<void> {
    const { lease, logger, name } = this.options;
    try {
      if (!(await lease.tryAcquire())) return;
      await this.options.tick();
    } catch (error) {
      logger.warn({ worker: name, err: error }, "worker round failed; retrying next round");
    }
  }
}
