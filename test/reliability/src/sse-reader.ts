/**
 * Reads Server-Sent Events from `url` until `enough` says so or `timeoutMs` passes, then
 * closes the connection. Returns `undefined` when the route does not exist (404).
 *
 * @example
 * ```ts
 * const events = await readSse(`${api.url}/v1/events/stream`, key, (all) => all.length >= 3);
 * ```
 */
export const readSse = async (
  url: string,
  key: string,
  enough: (events: readonly unknown[]) => boolean,
  timeoutMs = 10_000,
): Promise<unknown[] | undefined> => {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const events: unknown[] = [];
  try {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${key}` },
      signal: abort.signal,
    });
    if (response.status === 404) return undefined;
    if (response.status !== 200 || response.body === null)
      throw new Error(`SSE answered ${response.status}`);
    let buffer = "";
    const decoder = new TextDecoder();
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const data = buffer
          .slice(0, end)
          .split("\n")
          .find((line) => line.startsWith("data: "));
        if (data !== undefined) events.push(JSON.parse(data.slice(6)));
        buffer = buffer.slice(end + 2);
      }
      if (enough(events)) break;
    }
    return events;
  } catch (error) {
    if (abort.signal.aborted) return events;
    throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
};
