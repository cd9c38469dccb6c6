import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth, createTestApp, KEYS, type TestApp } from "../../test/support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const request = (method: "GET" | "POST", url: string, key?: string) =>
  t.app.inject({
    method,
    url,
    headers: key === undefined ? {} : auth(key),
    ...(method === "POST"
      ? { payload: { url: "https://hooks.example.com/claims", secret: "s".repeat(16) } }
      : {}),
  });

describe("webhook routes", () => {
  it("need a key (401) with webhooks.manage (403 for auditors and analysts)", async () => {
    expect((await request("GET", "/v1/webhooks")).statusCode).toBe(401);
    expect((await request("GET", "/v1/webhooks", KEYS.auditor)).statusCode).toBe(403);
    expect((await request("POST", "/v1/webhooks", KEYS.analyst)).statusCode).toBe(403);
  });

  it("answer 503 without PostgreSQL (an injected store keeps no subscriptions)", async () => {
    const response = await request("POST", "/v1/webhooks", KEYS.integrator);
    expect(response.statusCode).toBe(503);
    expect(response.json().code).toBe("infrastructure.unavailable");
  });
});

describe("webhook registration's egress check", () => {
  const create = (app: TestApp, url: string) =>
    app.app.inject({
      method: "POST",
      url: "/v1/webhooks",
      headers: auth(KEYS.integrator),
      payload: { url, secret: "s".repeat(16) },
    });

  it.each([
    ["http://127.0.0.1:5432/", "127.0.0.1", "loopback"],
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254", "metadata"],
    ["http://10.0.0.5/", "10.0.0.5", "private"],
    ["http://[::1]/", "::1", "loopback"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1", "loopback"],
    ["http://2130706433/", "127.0.0.1", "loopback"],
    ["http://localhost/", "localhost", "loopback"],
    ["https://hooks.localhost./", "hooks.localhost", "loopback"],
  ])("refuses %s with 422 webhook.destination_not_allowed", async (url, destination, range) => {
    const response = await create(t, url);
    expect(response.statusCode).toBe(422);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json()).toMatchObject({
      code: "webhook.destination_not_allowed",
      destination,
      range,
      detail: expect.stringContaining(`destination ${destination} not allowed (${range})`),
    });
  });

  it("lets a host name through (resolved and checked at delivery) and what the operator allows", async () => {
    expect((await create(t, "https://hooks.example.com/claims")).statusCode).toBe(503);
    const allowing = await createTestApp({
      env: {
        CLAIMSTREAM_WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true",
        CLAIMSTREAM_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
      },
    });
    try {
      expect((await create(allowing, "http://127.0.0.1:5432/")).statusCode).toBe(503);
      expect((await create(allowing, "http://10.0.0.5/")).statusCode).toBe(503);
      expect((await create(allowing, "http://169.254.169.254/")).statusCode).toBe(422);
    } finally {
      await allowing.close();
    }
  });
});
