import { createServer } from "node:http";

/**
 * The setting an API process needs to deliver to a {@link WebhookReceiver} (or register the route
 * matrix's webhook): the receiver is on loopback, which webhooks may not reach by default.
 */
export const LOOPBACK_RECEIVERS: Readonly<Record<string, string>> = {
  CLAIMSTREAM_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
};

/** A webhook endpoint on 127.0.0.1 that keeps every body it receives. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/hook` */
  readonly url: string;
  /** The bodies received so far, as text. */
  readonly bodies: string[];
  /** Waits until a body satisfies `predicate` (or `timeoutMs` passes); true when one did. */
  waitFor(predicate: (body: string) => boolean, timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Starts a receiver that answers 200 to every delivery.
 *
 * @example
 * ```ts
 * const receiver = await startWebhookReceiver();
 * await receiver.waitFor((body) => body.includes("PolicyIssued"), 10_000);
 * ```
 */
export const startWebhookReceiver = async (): Promise<WebhookReceiver> => {
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    request.on("end", () => {
      bodies.push(body);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    bodies,
    waitFor: async (predicate, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (bodies.some(predicate)) return true;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return bodies.some(predicate);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};
