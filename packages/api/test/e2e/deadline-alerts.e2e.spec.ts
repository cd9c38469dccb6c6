import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyWebhookSignature } from "../../src/webhooks/webhook-signature.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import {
  assessDamage,
  cny,
  day,
  INSURER,
  issuePolicy,
  registerClaim,
  verifyCoverage,
} from "../support/fixtures.js";
import { httpClient } from "../support/http-client.js";
import {
  type IntegrationApp,
  movableClock,
  startIntegrationApp,
} from "../support/integration-app.js";
import { openSse, type SseClient } from "../support/sse-client.js";
import { KEYS } from "../support/test-app.js";
import {
  LOOPBACK_RECEIVERS,
  startWebhookReceiver,
  type WebhookReceiver,
} from "../support/webhook-receiver.js";

const SECRET = "whsec-deadlines-0123456789";
// Pacific Mutual pays within 5 working days of the settlement (CN calendar), not 10 days.
const SLA = {
  insurers: { [INSURER]: { paymentAfterAgreement: { length: 5, unit: "working_days" } } },
};
const CLAIM = "C-SLA-1";
const DEADLINE = "cn.payment_10d-1";
let database: TestDatabase;
let api: IntegrationApp;
let receiver: WebhookReceiver;
let stream: SseClient;
const clock = movableClock("2026-03-10T12:00:00.000Z");
const { call, send } = httpClient(() => api.url);

const history = async () =>
  (await call(KEYS.auditor, "GET", `/v1/claims/${CLAIM}/history`)).body.events as {
    type: string;
    actor: { id: string } | null;
    data: Record<string, unknown>;
  }[];
const waitForHistory = async (type: string) => {
  const deadline = Date.now() + 10_000;
  while (!(await history()).some((event) => event.type === type)) {
    if (Date.now() > deadline) throw new Error(`no ${type} within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startIntegrationApp(database.url, {
    clock,
    env: { CLAIMSTREAM_SLA_CONFIG: JSON.stringify(SLA), ...LOOPBACK_RECEIVERS },
  });
  receiver = await startWebhookReceiver();
  const webhook = await call(KEYS.integrator, "POST", "/v1/webhooks", {
    url: receiver.url,
    secret: SECRET,
    types: ["DeadlineBreached"],
  });
  expect(webhook.status).toBe(201);
  stream = await openSse(
    `${api.url}/v1/events/stream?type=DeadlineAtRisk,DeadlineBreached`,
    KEYS.scopedIntegrator,
  );
});
afterAll(async () => {
  stream?.close();
  await api?.stop();
  await receiver?.close();
  await database?.drop();
});

describe("deadline alerts over HTTP on PostgreSQL", () => {
  it("starts the payment deadline on the insurer's own terms when the settlement is agreed", async () => {
    expect((await call(KEYS.admin, "POST", "/v1/policies", issuePolicy("P-SLA"))).status).toBe(201);
    expect(
      (await call(KEYS.admin, "POST", "/v1/claims", registerClaim(CLAIM, "P-SLA"))).status,
    ).toBe(201);
    await send(KEYS.handler, "claims", CLAIM, verifyCoverage("P-SLA"));
    await send(KEYS.handler, "claims", CLAIM, {
      type: "AssignAdjuster",
      occurredAt: day(0, 3),
      adjusterId: "adj-1",
    });
    await send(KEYS.adjuster, "claims", CLAIM, assessDamage);
    await send(KEYS.handler, "claims", CLAIM, {
      type: "AgreeSettlement",
      occurredAt: day(6),
      amount: cny(280_000),
      method: "repair",
    });
    const started = (await history()).find((event) => event.type === "DeadlineStarted");
    // Agreed Sunday 8 March: five working days end Friday 13 March.
    expect(started?.data.deadline).toMatchObject({
      id: DEADLINE,
      kind: "payment",
      unit: "working_days",
      length: 5,
      dueAt: "2026-03-13T23:59:59.999Z",
    });
  });

  it("warns at 80 % of the window, then breaches once the clock passes the due time", async () => {
    clock.set("2026-03-13T06:00:00.000Z");
    await waitForHistory("DeadlineAtRisk");
    clock.set("2026-03-14T00:00:01.000Z");
    await waitForHistory("DeadlineBreached");
    const alerts = (await history()).filter(
      (event) => event.type.startsWith("DeadlineAtRisk") || event.type === "DeadlineBreached",
    );
    expect(alerts.map((event) => [event.type, event.actor?.id, event.data.deadlineId])).toEqual([
      ["DeadlineAtRisk", "deadline-scheduler", DEADLINE],
      ["DeadlineBreached", "deadline-scheduler", DEADLINE],
    ]);
  });

  it("carries the breach to the SSE stream and as a signed webhook", async () => {
    const messages = await stream.waitForEvents(2);
    expect(messages.map((event) => [event.type, event.subject])).toEqual([
      ["DeadlineAtRisk", `claim-${CLAIM}`],
      ["DeadlineBreached", `claim-${CLAIM}`],
    ]);
    const [breach] = await receiver.waitForAccepted(1);
    expect(breach).toMatchObject({
      type: "DeadlineBreached",
      id: messages[1]?.id,
      data: { deadlineId: DEADLINE },
    });
    const request = receiver.requests[0];
    expect(
      verifyWebhookSignature({
        secret: SECRET,
        body: request?.body ?? "",
        signature: String(request?.headers["x-signature"]),
        timestamp: String(request?.headers["x-signature-timestamp"]),
      }),
    ).toBe(true);
  });

  it("alerts once: further scheduler rounds add nothing", async () => {
    await api.workers.evaluateDeadlinesNow();
    await api.workers.evaluateDeadlinesNow();
    const types = (await history()).map((event) => event.type);
    expect(types.filter((type) => type === "DeadlineBreached")).toHaveLength(1);
    expect(types.filter((type) => type === "DeadlineAtRisk")).toHaveLength(1);
  });

  it("resumes the stream exactly after Last-Event-ID on PostgreSQL positions", async () => {
    const [first, second] = stream.events();
    const resumed = await openSse(
      `${api.url}/v1/events/stream?type=DeadlineAtRisk,DeadlineBreached`,
      KEYS.integrator,
      { "last-event-id": first?.id ?? "" },
    );
    try {
      expect((await resumed.waitForEvents(1))[0]?.id).toBe(second?.id);
    } finally {
      resumed.close();
    }
  });
});
