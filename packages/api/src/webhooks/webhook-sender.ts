import { request as httpRequest, type OutgoingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { API_VERSION } from "../version.js";
import { type EgressPolicy, refusalMessage } from "./egress-policy.js";
import { guardedLookup, type HostResolver } from "./guarded-lookup.js";
import { signWebhook } from "./webhook-signature.js";

/** One HTTP delivery of one event to one subscription. */
export interface WebhookRequest {
  readonly url: string;
  readonly secret: string;
  readonly subscriptionId: string;
  /** The event's global position (the CloudEvent `id`). */
  readonly eventId: string;
  /** The CloudEvent JSON, exactly as signed. */
  readonly body: string;
  readonly attempt: number;
}

/** How a delivery went: `ok` for a 2xx answer. */
export interface WebhookResponse {
  readonly ok: boolean;
  readonly status: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

/** How {@link sendWebhook} sends. */
export interface SendOptions {
  /** One delivery's time limit, from connecting to the answer's status line. */
  readonly timeoutMs: number;
  /** Where deliveries may connect; checked on the URL's host and on every resolved address. */
  readonly egress: EgressPolicy;
  /** Resolves host names; default: the system resolver (tests inject one). */
  readonly resolve?: HostResolver;
  readonly nowSeconds?: () => number;
}

const describe = (error: unknown): string => {
  if (error instanceof AggregateError) return error.errors.map(describe).join("; ");
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof message === "string" && message !== "") return message;
  return typeof code === "string" ? code : String(error);
};

// Answers the status and `Location` once the head arrives; the body is not read. `agent: false`:
// a fresh connection each time, through `lookup`, never a pooled socket opened under other rules.
const post = (
  url: URL,
  headers: OutgoingHttpHeaders,
  body: string,
  options: { readonly lookup: LookupFunction; readonly signal: AbortSignal },
): Promise<{ readonly status: number; readonly location: string | undefined }> =>
  new Promise((resolve, reject) => {
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const outgoing = send(url, { method: "POST", headers, agent: false, ...options }, (answer) => {
      answer.on("error", reject);
      resolve({ status: answer.statusCode ?? 0, location: answer.headers.location });
      answer.destroy();
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });

const failed = (error: string, durationMs: number): WebhookResponse => ({
  ok: false,
  status: null,
  error,
  durationMs,
});

/**
 * POSTs one delivery: the CloudEvent in structured mode (`application/cloudevents+json`),
 * signed (`X-Signature`, `X-Signature-Timestamp`), with the subscription (`X-Webhook-Id`), a
 * delivery id stable across retries (`X-Webhook-Delivery`, to deduplicate) and the attempt
 * number. Only the subscription's URL is called: redirects are not followed (a 3xx fails).
 * Only destinations the egress policy allows are connected to: the URL's host is checked first,
 * then every address a name resolves to, at connection time; a refusal fails the attempt
 * (`destination 127.0.0.1 not allowed (loopback)`) without any connection.
 * Never throws: refusals, network errors and timeouts come back as a failed response.
 *
 * @example
 * ```ts
 * const response = await sendWebhook(request, { timeoutMs: 10_000, egress: new EgressPolicy() });
 * if (!response.ok) scheduleRetry(response.error);
 * ```
 */
export const sendWebhook = async (
  request: WebhookRequest,
  options: SendOptions,
): Promise<WebhookResponse> => {
  const timestamp = String(options.nowSeconds?.() ?? Math.floor(Date.now() / 1000));
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const url = new URL(request.url);
    const verdict = options.egress.checkHost(url.hostname);
    if (!verdict.allowed) return failed(refusalMessage(verdict), elapsed());
    const headers = {
      "content-type": "application/cloudevents+json; charset=utf-8",
      "content-length": Buffer.byteLength(request.body),
      "user-agent": `claimstream-webhooks/${API_VERSION}`,
      "x-signature": signWebhook(request.secret, timestamp, request.body),
      "x-signature-timestamp": timestamp,
      "x-webhook-id": request.subscriptionId,
      "x-webhook-delivery": `${request.subscriptionId}:${request.eventId}`,
      "x-webhook-attempt": String(request.attempt),
    };
    const lookup = guardedLookup(options.egress, options.resolve);
    const { status, location } = await post(url, headers, request.body, { lookup, signal });
    const ok = status >= 200 && status < 300;
    const error = ok
      ? null
      : status >= 300 && status < 400
        ? `redirect to ${location ?? "?"} not followed`
        : `HTTP ${status}`;
    return { ok, status, error, durationMs: elapsed() };
  } catch (error) {
    const reason = signal.aborted ? `timed out after ${options.timeoutMs} ms` : describe(error);
    return failed(reason, elapsed());
  }
};
