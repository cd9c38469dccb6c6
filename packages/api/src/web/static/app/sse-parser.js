/**
 * Server-Sent Events framing (the `text/event-stream` format): read from a fetch body, since
 * `EventSource` cannot send the `Authorization` header the API needs.
 * @module
 */

/**
 * @typedef {object} SseMessage
 * @property {string | undefined} id
 * @property {string} event
 * @property {string} data
 */

/**
 * One frame's fields; `undefined` for a frame without data (a comment or a `retry:` line).
 * @param {string} frame
 * @returns {SseMessage | undefined}
 */
export const parseFrame = (frame) => {
  /** @type {string[]} */
  const data = [];
  /** @type {string | undefined} */
  let id;
  let event = "message";
  for (const line of frame.split("\n")) {
    if (line === "" || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "data") data.push(value);
    else if (field === "id") id = value;
    else if (field === "event") event = value;
  }
  return data.length === 0 ? undefined : { id, event, data: data.join("\n") };
};

/**
 * Reads messages from a `text/event-stream` body until it ends (or its fetch is aborted).
 * @param {ReadableStream<Uint8Array>} body
 * @param {(message: SseMessage) => void} onMessage
 */
export const readEventStream = async (body, onMessage) => {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer = (buffer + decoder.decode(value, { stream: true })).replace(/\r\n?/g, "\n");
    let end = buffer.indexOf("\n\n");
    while (end !== -1) {
      const message = parseFrame(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (message !== undefined) onMessage(message);
      end = buffer.indexOf("\n\n");
    }
  }
};
