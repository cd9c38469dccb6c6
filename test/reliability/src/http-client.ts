/** One answer of the API, with its body parsed when it is JSON, and how long it took. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field in tests.
  readonly body: any;
  readonly ms: number;
}

/** A request to the API under test (127.0.0.1 only). */
export interface Call {
  readonly method: string;
  readonly path: string;
  readonly key?: string;
  /** Sent as JSON unless `raw` is given. */
  readonly body?: unknown;
  /** A body sent as is, with {@link Call.contentType}. */
  readonly raw?: string | Uint8Array;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Abort after this long (default 10 s): a hang is a failure, not a wait. */
  readonly timeoutMs?: number;
  /** Read the status and headers only, then close: for streams that stay open by design. */
  readonly headOnly?: boolean;
}

const requestHeaders = (call: Call): Record<string, string> => {
  const headers: Record<string, string> = { ...call.headers };
  if (call.key !== undefined) headers.authorization = `Bearer ${call.key}`;
  if (call.raw !== undefined || call.body !== undefined)
    headers["content-type"] = call.contentType ?? "application/json";
  return headers;
};

const parse = (headers: Headers, text: string): unknown => {
  if (!(headers.get("content-type") ?? "").includes("json") || text === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
};

/**
 * Sends one request to `baseUrl` (which must be on 127.0.0.1) and reads the whole answer.
 *
 * @example
 * ```ts
 * const answer = await send(api.url, { method: "GET", path: "/v1/claims/C-1", key });
 * answer.status; // 200
 * ```
 */
export const send = async (baseUrl: string, call: Call): Promise<Answer> => {
  if (!baseUrl.startsWith("http://127.0.0.1:")) throw new Error(`not a loopback URL: ${baseUrl}`);
  const started = performance.now();
  const response = await fetch(`${baseUrl}${call.path}`, {
    method: call.method,
    headers: requestHeaders(call),
    signal: AbortSignal.timeout(call.timeoutMs ?? 10_000),
    ...(call.raw !== undefined
      ? { body: call.raw }
      : call.body !== undefined
        ? { body: JSON.stringify(call.body) }
        : {}),
  });
  if (call.headOnly === true) await response.body?.cancel();
  const text = call.headOnly === true ? "" : await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: parse(response.headers, text),
    ms: performance.now() - started,
  };
};
