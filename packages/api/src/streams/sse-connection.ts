import type { CloudEvent } from "./cloud-event.js";

/** What an SSE connection writes to: a `ServerResponse` (or a test double). */
export interface SseTarget {
  write(chunk: string): boolean;
  once(event: "drain" | "close", listener: () => void): unknown;
  removeListener(event: "drain" | "close", listener: () => void): unknown;
  end(): unknown;
  destroy(): unknown;
  readonly writableNeedDrain: boolean;
  readonly destroyed: boolean;
}

/** Timing of an {@link SseConnection}. */
export interface SseSettings {
  readonly heartbeatMs: number;
  /** How long a full buffer may stay full before the client is dropped. */
  readonly slowClientMs: number;
}

/** Why a connection ended. */
export type SseEnd = "client_closed" | "slow_client" | "server_closing";

/** One SSE message: `id` (the global position) and the envelope as one `data` line. */
export const sseFrame = (event: CloudEvent): string =>
  `id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`;

/**
 * One open Server-Sent Events response with backpressure. {@link SseConnection.send} resolves
 * only once the frame is accepted: when `write()` reports a full buffer it waits for `drain`,
 * so the caller (the store subscription loop) stops pulling events and server memory per client
 * stays at one socket buffer plus one store page. A client that lets its buffer stay full for
 * `slowClientMs` is disconnected (`slow_client`); it reconnects with `Last-Event-ID` and resumes
 * exactly where it stopped. A comment line every `heartbeatMs` keeps idle connections (and the
 * proxies between) open.
 *
 * @example
 * ```ts
 * const connection = new SseConnection(reply.raw, { heartbeatMs: 15_000, slowClientMs: 30_000 });
 * if (!(await connection.send(sseFrame(envelope)))) return; // closed or dropped
 * ```
 */
export class SseConnection {
  #end: SseEnd | undefined;
  readonly #heartbeat: NodeJS.Timeout;
  readonly #ended: Promise<SseEnd>;
  #resolveEnded: (end: SseEnd) => void = () => undefined;

  constructor(
    private readonly target: SseTarget,
    private readonly settings: SseSettings,
  ) {
    this.#ended = new Promise((resolve) => {
      this.#resolveEnded = resolve;
    });
    target.once("close", () => this.#finish("client_closed"));
    this.#heartbeat = setInterval(() => this.#beat(), settings.heartbeatMs);
    this.#heartbeat.unref();
  }

  /** Resolves with the reason once the connection is over. */
  get ended(): Promise<SseEnd> {
    return this.#ended;
  }

  /** Is the connection still open? */
  get open(): boolean {
    return this.#end === undefined;
  }

  /** Writes a frame; resolves `true` once accepted, `false` when the connection is over. */
  async send(frame: string): Promise<boolean> {
    if (this.#end !== undefined) return false;
    if (this.target.write(frame)) return true;
    return this.#awaitDrain();
  }

  /** Ends the response (server shutting down); the client reconnects and resumes. */
  close(reason: SseEnd = "server_closing"): void {
    this.#finish(reason);
  }

  #awaitDrain(): Promise<boolean> {
    return new Promise((resolve) => {
      const settle = (drained: boolean) => {
        clearTimeout(timer);
        this.target.removeListener("drain", onDrain);
        this.target.removeListener("close", onClose);
        resolve(drained && this.#end === undefined);
      };
      const onDrain = () => settle(true);
      const onClose = () => settle(false);
      const timer = setTimeout(() => {
        this.#finish("slow_client");
        settle(false);
      }, this.settings.slowClientMs);
      this.target.once("drain", onDrain);
      this.target.once("close", onClose);
    });
  }

  // A full buffer already proves the client is there; a heartbeat would only grow it.
  #beat(): void {
    if (this.#end === undefined && !this.target.writableNeedDrain)
      this.target.write(": heartbeat\n\n");
  }

  #finish(reason: SseEnd): void {
    if (this.#end !== undefined) return;
    this.#end = reason;
    clearInterval(this.#heartbeat);
    // A slow client's buffer would never flush: cut it; otherwise end the response cleanly.
    if (reason === "slow_client") this.target.destroy();
    else if (!this.target.destroyed) this.target.end();
    this.#resolveEnded(reason);
  }
}
