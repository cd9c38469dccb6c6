import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EgressPolicy } from "./egress-policy.js";
import type { HostResolver } from "./guarded-lookup.js";
import { sendWebhook, type WebhookRequest } from "./webhook-sender.js";
import { verifyWebhookSignature } from "./webhook-signature.js";

// A receiver on 127.0.0.1 that counts connections as well as requests: a refusal must open none.
let server: Server;
let port: number;
let connections = 0;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
let answer: (response: ServerResponse) => void;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8").on("data", (chunk: string) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      answer(response);
    });
  });
  server.on("connection", () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
beforeEach(() => {
  connections = 0;
  received.length = 0;
  answer = (response) => response.writeHead(204).end();
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

const SECRET = "whsec-sender-0123456789";
const delivery = (url: string): WebhookRequest => ({
  url,
  secret: SECRET,
  subscriptionId: "wh_1",
  eventId: "42",
  body: '{"id":"42","type":"ClaimRegistered"}',
  attempt: 1,
});
// The test's DNS: every name resolves to `addresses`; counts its calls.
const resolver = (...addresses: string[]) => {
  const calls: string[] = [];
  const resolve: HostResolver = async (hostname) => {
    calls.push(hostname);
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { resolve, calls };
};
const LOCAL_NAME = "hooks.rebound.test";
const closed = new EgressPolicy();
const loopbackAllowed = new EgressPolicy({
  allowPrivateNetworks: false,
  allowedHosts: ["127.0.0.1"],
});

describe("sendWebhook's egress policy", () => {
  it("refuses a name resolving to a loopback address without connecting", async () => {
    const dns = resolver("127.0.0.1");
    const response = await sendWebhook(delivery(`http://${LOCAL_NAME}:${port}/hook`), {
      timeoutMs: 2000,
      egress: closed,
      resolve: dns.resolve,
    });
    expect(response).toMatchObject({
      ok: false,
      status: null,
      error: "destination 127.0.0.1 not allowed (loopback)",
    });
    expect(dns.calls).toEqual([LOCAL_NAME]);
    expect(connections).toBe(0);
    expect(received).toEqual([]);
  });

  it("refuses a name with any blocked address among public ones", async () => {
    const dns = resolver("93.184.215.14", "::ffff:127.0.0.1");
    const response = await sendWebhook(delivery(`http://${LOCAL_NAME}:${port}/hook`), {
      timeoutMs: 2000,
      egress: closed,
      resolve: dns.resolve,
    });
    expect(response.error).toBe("destination ::ffff:127.0.0.1 not allowed (loopback)");
    expect(connections).toBe(0);
  });

  it.each([
    ["an IP literal", "127.0.0.1", "destination 127.0.0.1 not allowed (loopback)"],
    [
      "an IPv4-mapped IPv6 literal",
      "[::ffff:127.0.0.1]",
      "destination ::ffff:7f00:1 not allowed (loopback)",
    ],
    ["localhost", "localhost", "destination localhost not allowed (loopback)"],
  ])("refuses %s before resolving anything", async (_kind, host, error) => {
    const dns = resolver("127.0.0.1");
    const response = await sendWebhook(delivery(`http://${host}:${port}/hook`), {
      timeoutMs: 2000,
      egress: closed,
      resolve: dns.resolve,
    });
    expect(response.error).toBe(error);
    expect(dns.calls).toEqual([]);
    expect(connections).toBe(0);
  });

  it("delivers to the same name once its address is allowed, signed as before", async () => {
    const dns = resolver("127.0.0.1");
    const request = delivery(`http://${LOCAL_NAME}:${port}/hook`);
    const response = await sendWebhook(request, {
      timeoutMs: 2000,
      egress: loopbackAllowed,
      resolve: dns.resolve,
      nowSeconds: () => 1_760_000_000,
    });
    expect(response).toMatchObject({ ok: true, status: 204, error: null });
    expect(received).toHaveLength(1);
    const [got] = received;
    expect(got?.body).toBe(request.body);
    expect(got?.headers).toMatchObject({
      host: `${LOCAL_NAME}:${port}`,
      "content-type": "application/cloudevents+json; charset=utf-8",
      "content-length": String(Buffer.byteLength(request.body)),
      "x-signature-timestamp": "1760000000",
      "x-webhook-id": "wh_1",
      "x-webhook-delivery": "wh_1:42",
      "x-webhook-attempt": "1",
    });
    expect(got?.headers["user-agent"]).toMatch(/^claimstream-webhooks\//);
    const signature = String(got?.headers["x-signature"]);
    expect(
      verifyWebhookSignature({
        secret: SECRET,
        body: request.body,
        signature,
        timestamp: "1760000000",
        nowSeconds: 1_760_000_000,
      }),
    ).toBe(true);
  });

  it("delivers to a name allowed by name, whatever it resolves to", async () => {
    const byName = new EgressPolicy({ allowPrivateNetworks: false, allowedHosts: [LOCAL_NAME] });
    const response = await sendWebhook(delivery(`http://${LOCAL_NAME}:${port}/hook`), {
      timeoutMs: 2000,
      egress: byName,
      resolve: resolver("127.0.0.1").resolve,
    });
    expect(response.ok).toBe(true);
    expect(received).toHaveLength(1);
  });
});

describe("sendWebhook's answers", () => {
  const send = (timeoutMs = 2000) =>
    sendWebhook(delivery(`http://127.0.0.1:${port}/hook`), { timeoutMs, egress: loopbackAllowed });

  it("does not follow a redirect", async () => {
    answer = (response) => response.writeHead(302, { location: "http://127.0.0.1:9/" }).end();
    const response = await send();
    expect(response).toMatchObject({
      ok: false,
      status: 302,
      error: "redirect to http://127.0.0.1:9/ not followed",
    });
    expect(received).toHaveLength(1);
  });

  it("reports a non-2xx status", async () => {
    answer = (response) => response.writeHead(503).end("busy");
    expect(await send()).toMatchObject({ ok: false, status: 503, error: "HTTP 503" });
  });

  it("gives up after the time limit", async () => {
    answer = () => undefined;
    const response = await send(150);
    expect(response).toMatchObject({ ok: false, status: null, error: "timed out after 150 ms" });
  });

  it("reports a refused connection", async () => {
    const response = await sendWebhook(delivery("http://127.0.0.1:9/hook"), {
      timeoutMs: 2000,
      egress: loopbackAllowed,
    });
    expect(response).toMatchObject({ ok: false, status: null });
    expect(response.error).toContain("ECONNREFUSED");
  });
});
