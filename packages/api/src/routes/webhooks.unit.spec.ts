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
      ? { payload: { url: "http://127.0.0.1:9/hook", secret: "s".repeat(16) } }
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
