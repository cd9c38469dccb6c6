import type { CloudEvent } from "../../src/streams/cloud-event.js";

/** One parsed SSE frame: an event with its id, or a comment line. */
export type SseFrame =
  | { readonly kind: "event"; readonly id: string; readonly event: CloudEvent }
  | { readonly kind: "comment"; readonly text: string };

/** A test client of `GET /v1/events/stream` over real HTTP. */
export interface SseClient {
  readonly status: number;
  readonly headers: Headers;
  /** Every frame so far. */
  readonly frames: readonly SseFrame[];
  /** The events so far. */
  events(): CloudEvent[];
  /** Waits until `count` events arrived (or throws after `timeoutMs`). */
  waitForEvents(count: number, timeoutMs?: number): Promise<CloudEvent[]>;
  /** Waits until a frame matches. */
  waitFor(predicate: (frame: SseFrame) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves when the server ends the response. */
  readonly ended: Promise<void>;
  close(): void;
}

const parseBlock = (block: string): SseFrame | undefined => {
  const lines = block.split("\n");
  if (lines.every((line) => line.startsWith(":")))
    return { kind: "comment", text: lines.map((line) => line.slice(1).trim()).join("\n") };
  const id = lines.find((line) => line.startsWith("id: "))?.slice(4);
  const data = lines.find((line) => line.startsWith("data: "))?.slice(6);
  return id === undefined || data === undefined
    ? undefined
    : { kind: "event", id, event: JSON.parse(data) as CloudEvent };
};

/** Opens a stream with a key (and extra headers, e.g. `last-event-id`). */
export const openSse = async (
  url: string,
  key: string,
  headers: Record<string, string> = {},
): Promise<SseClient> => {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${key}`, ...headers },
    signal: abort.signal,
  });
  const frames: SseFrame[] = [];
  let buffer = "";
  const ended = (async () => {
    if (response.body === null) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const frame = parseBlock(buffer.slice(0, end));
          if (frame !== undefined) frames.push(frame);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // aborted by close(), or the server cut the connection
    }
  })();
  const events = () => frames.flatMap((frame) => (frame.kind === "event" ? [frame.event] : []));
  const waitFor = async (predicate: (frame: SseFrame) => boolean, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!frames.some(predicate)) {
      if (Date.now() > deadline) throw new Error(`no matching SSE frame within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return {
    status: response.status,
    headers: response.headers,
    frames,
    events,
    waitFor,
    waitForEvents: async (count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (events().length < count) {
        if (Date.now() > deadline)
          throw new Error(`${events().length} of ${count} SSE events within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return events();
    },
    ended,
    close: () => abort.abort(),
  };
};
