import { API_VERSION } from "../version.js";
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

const describe = (error: unknown): string => {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail = cause?.code ?? cause?.message;
  const message = error instanceof Error ? error.message : String(error);
  return typeof detail === "string" ? `${message} (${detail})` : message;
};

/**
 * POSTs one delivery: the CloudEvent in structured mode (`application/cloudevents+json`),
 * signed (`X-Signature`, `X-Signature-Timestamp`), with the subscription (`X-Webhook-Id`), a
 * delivery id stable across retries (`X-Webhook-Delivery`, to deduplicate) and the attempt
 * number. Only the subscription's URL is called: redirects are not followed (a 3xx fails).
 * Never throws: network errors and timeouts come back as a failed response.
 *
 * @example
 * ```ts
 * const response = await sendWebhook(request, { timeoutMs: 10_000 });
 * if (!response.ok) scheduleRetry(response.error);
 * ```
 */
export const sendWebhook = async (
  request: WebhookRequest,
  options: { readonly timeoutMs: number; readonly nowSeconds?: () => number },
): Promise<WebhookResponse> => {
  const timestamp = String(options.nowSeconds?.() ?? Math.floor(Date.now() / 1000));
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(request.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: {
        "content-type": "application/cloudevents+json; charset=utf-8",
        "user-agent": `claimstream-webhooks/${API_VERSION}`,
        "x-signature": signWebhook(request.secret, timestamp, request.body),
        "x-signature-timestamp": timestamp,
        "x-webhook-id": request.subscriptionId,
        "x-webhook-delivery": `${request.subscriptionId}:${request.eventId}`,
        "x-webhook-attempt": String(request.attempt),
      },
      body: request.body,
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    const error = ok
      ? null
      : response.status >= 300 && response.status < 400
        ? `redirect to ${response.headers.get("location") ?? "?"} not followed`
        : `HTTP ${response.status}`;
    return { ok, status: response.status, error, durationMs: elapsed() };
  } catch (error) {
    return { ok: false, status: null, error: describe(error), durationMs: elapsed() };
  }
};
