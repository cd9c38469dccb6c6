import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { CloudEvent } from "../../src/streams/cloud-event.js";

/**
 * The setting a test API needs to deliver to a {@link WebhookReceiver}: the receiver listens on
 * loopback, which the webhook egress policy refuses unless it is allowed.
 */
export const LOOPBACK_RECEIVERS: Record<string, string> = {
  CLAIMSTREAM_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
};

/** One request the receiver got. */
export interface ReceivedDelivery {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly event: CloudEvent;
  /** The status the receiver answered. */
  readonly status: number;
}

/** A real HTTP server on 127.0.0.1 that records webhook deliveries. */
export interface WebhookReceiver {
  readonly url: string;
  /** Every request, failed ones too, in arrival order. */
  readonly requests: ReceivedDelivery[];
  /** Answer 503 to the next `count` requests of a webhook (`Infinity`: until {@link recover}). */
  failNext(count: number, webhookId: string): void;
  recover(): void;
  /**
   * The events answered 2xx, first arrival of each delivery id only, in arrival order; only
   * those of one webhook when `webhookId` is given.
   */
  accepted(webhookId?: string): CloudEvent[];
  waitForAccepted(count: number, webhookId?: string, timeoutMs?: number): Promise<CloudEvent[]>;
  close(): Promise<void>;
}

/** Starts a receiver (port chosen by the system). */
export const startWebhookReceiver = async (): Promise<WebhookReceiver> => {
  const requests: ReceivedDelivery[] = [];
  const failures = new Map<string, number>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const webhookId = String(request.headers["x-webhook-id"]);
      const left = failures.get(webhookId) ?? 0;
      const status = left > 0 ? 503 : 204;
      if (left > 0) failures.set(webhookId, left - 1);
      requests.push({ headers: request.headers, body, event: JSON.parse(body), status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const accepted = (webhookId?: string) => {
    const seen = new Set<string>();
    return requests.flatMap((request) => {
      const id = String(request.headers["x-webhook-delivery"]);
      const other = webhookId !== undefined && request.headers["x-webhook-id"] !== webhookId;
      if (request.status >= 300 || seen.has(id) || other) return [];
      seen.add(id);
      return [request.event];
    });
  };
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    failNext: (count, webhookId) => {
      failures.set(webhookId, count);
    },
    recover: () => failures.clear(),
    accepted,
    waitForAccepted: async (count, webhookId, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      while (accepted(webhookId).length < count) {
        if (Date.now() > deadline) {
          const got = accepted(webhookId).length;
          throw new Error(`${got} of ${count} deliveries within ${timeoutMs} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return accepted(webhookId);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
