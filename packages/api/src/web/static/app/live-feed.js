/**
 * "Live": new events reach the open page without a reload. With a key that may read the event
 * stream (`events.read`), the page follows `GET /v1/events/stream` from the store's head; with
 * any other key, or a server without the stream, it polls: pages refresh every few seconds.
 * @module
 */

import { ApiError, authHeaders, getJson } from "./api-client.js";
import { readEventStream } from "./sse-parser.js";

/**
 * A committed event as the stream sends it (a CloudEvents envelope).
 * @typedef {object} LiveEvent
 * @property {string} id The global position.
 * @property {string} type The domain event type.
 * @property {string} subject The stream id, e.g. `claim-CLM-00010`.
 * @property {string} time When it was recorded.
 */

/** @typedef {{ kind: "event"; event: LiveEvent } | { kind: "tick" }} LiveSignal */
/** @typedef {"connecting" | "streaming" | "polling" | "off"} LiveState */

/** How often pages refresh when there is no stream. */
export const POLL_INTERVAL_MS = 10_000;
const RETRY_MS = 2_000;
const HEAD_PAGES = 10;

/**
 * The global position to follow the stream from: the store's head as of now, found by paging
 * `GET /v1/events` from a recent position (the newest claims' last event) to the end, so that
 * the stream carries only what happens from now on.
 * @param {number} hint
 */
const headPosition = async (hint) => {
  let after = hint;
  for (let page = 0; page < HEAD_PAGES; page += 1) {
    /** @type {{ next: number; caughtUp: boolean }} */
    const answer = await getJson("/v1/events", { after, limit: 1000 });
    after = answer.next;
    if (answer.caughtUp) break;
  }
  return after;
};

/** A recent global position: the newest claims' last event (0 when the key cannot list claims). */
const recentPosition = async () => {
  try {
    /** @type {{ items: { lastPosition: number }[] }} */
    const page = await getJson("/v1/claims", { limit: 100 });
    return Math.max(0, ...page.items.map((claim) => claim.lastPosition));
  } catch {
    return 0;
  }
};

/** The one live connection of the page, shared by whichever page is open. */
export class LiveFeed {
  /** @type {Set<(signal: LiveSignal) => void>} */
  #listeners = new Set();
  /** @type {LiveState} */
  #state = "off";
  /** @type {AbortController | undefined} */
  #abort;
  /** @type {number | undefined} */
  #poll;
  /** @type {(state: LiveState) => void} */
  #onState;

  /** @param {(state: LiveState) => void} onState */
  constructor(onState) {
    this.#onState = onState;
  }

  /** The connection's state. */
  get state() {
    return this.#state;
  }

  /**
   * Calls `listener` on each event (streaming) or each poll tick; returns the unsubscribe.
   * @param {(signal: LiveSignal) => void} listener
   */
  subscribe(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Connects with the stored key (again, after the key changed). */
  start() {
    this.stop();
    const abort = new AbortController();
    this.#abort = abort;
    this.#setState("connecting");
    this.#follow(abort.signal).catch(() => {
      if (!abort.signal.aborted) this.#startPolling();
    });
  }

  /** Closes the stream and stops polling. */
  stop() {
    this.#abort?.abort();
    this.#abort = undefined;
    if (this.#poll !== undefined) window.clearInterval(this.#poll);
    this.#poll = undefined;
    this.#setState("off");
  }

  /** @param {AbortSignal} signal */
  async #follow(signal) {
    let after = await headPosition(await recentPosition());
    while (!signal.aborted) {
      const response = await fetch(`/v1/events/stream?after=${after}`, {
        headers: authHeaders({ accept: "text/event-stream" }),
        signal,
      });
      const streaming = (response.headers.get("content-type") ?? "").startsWith(
        "text/event-stream",
      );
      if (!response.ok || !streaming || response.body === null)
        throw new ApiError(response.status, "live.unavailable", "no event stream");
      this.#setState("streaming");
      await readEventStream(response.body, (message) => {
        if (message.id !== undefined && /^\d+$/.test(message.id)) after = Number(message.id);
        this.#emit({ kind: "event", event: /** @type {LiveEvent} */ (JSON.parse(message.data)) });
      }).catch((error) => {
        if (signal.aborted) throw error;
      });
      if (signal.aborted) return;
      this.#setState("connecting");
      await new Promise((resolve) => window.setTimeout(resolve, RETRY_MS));
    }
  }

  #startPolling() {
    this.#setState("polling");
    this.#poll = window.setInterval(() => this.#emit({ kind: "tick" }), POLL_INTERVAL_MS);
  }

  /** @param {LiveSignal} signal */
  #emit(signal) {
    for (const listener of this.#listeners) listener(signal);
  }

  /** @param {LiveState} state */
  #setState(state) {
    this.#state = state;
    this.#onState(state);
  }
}
