import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TOKENS } from "../../src/tokens.js";
import { CreateWebhookSchema } from "../../src/webhooks/webhook-subscription.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { issuePolicy, registerClaim } from "../support/fixtures.js";
import { httpClient } from "../support/http-client.js";
import {
  type IntegrationApp,
  movableClock,
  startIntegrationApp,
} from "../support/integration-app.js";
import { KEYS } from "../support/test-app.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";

// The API as deployed by default: no egress allowance, so the loopback receiver is off limits.
const SECRET = "whsec-egress-0123456789abcdef";
let database: TestDatabase;
let api: IntegrationApp;
let receiver: WebhookReceiver;
const { call } = httpClient(() => api.url);

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startIntegrationApp(database.url, { clock: movableClock("2026-03-10T12:00:00Z") });
  receiver = await startWebhookReceiver();
  await call(KEYS.admin, "POST", "/v1/policies", issuePolicy("P-EG1"));
});
afterAll(async () => {
  await api?.stop();
  await receiver?.close();
  await database?.drop();
});

describe("webhook egress, closed by default", () => {
  it("refuses to register internal destinations with 422 and stores nothing", async () => {
    const port = new URL(receiver.url).port;
    for (const url of [
      receiver.url,
      `http://localhost:${port}/hook`,
      `http://[::1]:${port}/hook`,
      `http://[::ffff:127.0.0.1]:${port}/hook`,
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.5/",
      "http://0.0.0.0:5432/",
    ]) {
      const refused = await call(KEYS.scopedIntegrator, "POST", "/v1/webhooks", {
        url,
        secret: SECRET,
      });
      expect(refused.status, url).toBe(422);
      expect(refused.body.code, url).toBe("webhook.destination_not_allowed");
    }
    const listed = await call(KEYS.admin, "GET", "/v1/webhooks");
    expect(listed.body.webhooks).toEqual([]);
    expect(receiver.requests).toEqual([]);
  });

  it("fails each delivery to a loopback URL stored earlier, without calling it", async () => {
    // As if registered before the policy existed: straight into the repository.
    const repository = api.application.get(TOKENS.webhooks);
    if (repository === null) throw new Error("webhooks need PostgreSQL");
    const head = await api.application.get(TOKENS.eventStore).headPosition();
    const body = CreateWebhookSchema.parse({
      url: receiver.url,
      secret: SECRET,
      types: ["ClaimRegistered"],
    });
    const webhook = await repository.create(body, { keyId: "legacy", insurerId: null }, head);
    const claim = await call(KEYS.admin, "POST", "/v1/claims", registerClaim("C-EG1", "P-EG1"));
    expect(claim.status, claim.text).toBe(201);
    await vi.waitFor(
      async () => {
        const log = await call(KEYS.admin, "GET", `/v1/webhooks/${webhook.id}/deliveries`);
        const attempts = log.body.deliveries as { outcome: string; error: string }[];
        expect(attempts.length).toBeGreaterThanOrEqual(2);
        for (const attempt of attempts) {
          expect(attempt.outcome).not.toBe("delivered");
          expect(attempt.error).toBe("destination 127.0.0.1 not allowed (loopback)");
        }
      },
      { timeout: 10_000, interval: 25 },
    );
    expect(receiver.requests).toEqual([]);
  });
});
