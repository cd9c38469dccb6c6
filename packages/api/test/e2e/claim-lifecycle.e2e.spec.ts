import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { type RunningApi, startApi } from "../../src/cli/start.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import {
  assessDamage,
  cny,
  day,
  issuePolicy,
  registerClaim,
  repairSteps,
  verifyCoverage,
} from "../support/fixtures.js";
import { httpClient } from "../support/http-client.js";
import { KEYS, TEST_KEYS } from "../support/test-app.js";
import { readModelChecks } from "./read-model-checks.js";

let database: TestDatabase;
let api: RunningApi;
let env: Record<string, string>;
const quiet = { out: () => undefined, err: () => undefined };

beforeAll(async () => {
  database = await createTestDatabase();
  env = {
    DATABASE_URL: database.url,
    PORT: "0",
    LOG_LEVEL: "silent",
    CLAIMSTREAM_API_KEYS: JSON.stringify(TEST_KEYS),
    CLAIMSTREAM_SEED_DEMO: "false",
  };
  api = await startApi(env, quiet);
});
afterAll(async () => {
  await api?.stop();
  await database?.drop();
});

const { call, send } = httpClient(() => api.url);

const CLAIM = "C-E2E-1";
const POLICY = "P-E2E-1";
const ORDER = "RO-E2E-1";
const INVOICE = cny(300_000);
let beforeSettlement = "";

describe("a motor claim from policy to feedback over HTTP on PostgreSQL", () => {
  it("issues the policy and registers the claim (FNOL)", async () => {
    const policy = await call(KEYS.integrator, "POST", "/v1/policies", issuePolicy(POLICY));
    expect(policy.status).toBe(201);
    const claim = await call(KEYS.integrator, "POST", "/v1/claims", registerClaim(CLAIM, POLICY));
    expect(claim.status).toBe(201);
    expect(claim.headers.get("location")).toBe(`/v1/claims/${CLAIM}`);
    expect(claim.headers.get("etag")).toBe(`"${claim.body.version}"`);
  });

  it("verifies coverage, assigns, collects documents, inspects and assesses", async () => {
    await send(KEYS.handler, "claims", CLAIM, verifyCoverage(POLICY));
    await send(KEYS.handler, "claims", CLAIM, {
      type: "AssignAdjuster",
      occurredAt: day(0, 3),
      adjusterId: "adj-zhang",
    });
    await send(KEYS.adjuster, "claims", CLAIM, {
      type: "RequestDocuments",
      occurredAt: day(1),
      documents: ["photos", "police_report"],
    });
    await send(KEYS.adjuster, "claims", CLAIM, {
      type: "ReceiveDocument",
      occurredAt: day(2),
      document: "photos",
    });
    await send(KEYS.adjuster, "claims", CLAIM, {
      type: "ReceiveDocument",
      occurredAt: day(3),
      document: "police_report",
    });
    await send(KEYS.adjuster, "claims", CLAIM, {
      type: "BookInspection",
      occurredAt: day(3),
      scheduledAt: day(4),
      surveyorId: "srv-1",
    });
    await send(KEYS.adjuster, "claims", CLAIM, {
      type: "CompleteInspection",
      occurredAt: day(4),
      photos: ["s3://claims/c1/1.jpg"],
    });
    await send(KEYS.adjuster, "claims", CLAIM, assessDamage);
    await send(KEYS.adjuster, "claims", CLAIM, {
      type: "SetReserve",
      occurredAt: day(5),
      costType: "indemnity",
      balance: INVOICE,
    });
  });

  it("repairs the vehicle at the shop, with a disputed assessment and a supplement", async () => {
    const open = await call(KEYS.shop, "POST", "/v1/repair-orders", {
      type: "OpenRepairOrder",
      occurredAt: day(5),
      repairOrderId: ORDER,
      claimId: CLAIM,
      insurerId: "pacific-mutual",
      shopId: "shop-east",
      vehicle: { vin: "LSVAU2180N2183294" },
      directBilling: true,
      currency: "CNY",
    });
    expect(open.status).toBe(201);
    for (const step of repairSteps) await send(KEYS.shop, "repair-orders", ORDER, step);
    await send(KEYS.adjuster, "claims", CLAIM, {
      type: "RecordShopResponse",
      occurredAt: day(5, 8),
      response: "disputed",
      reason: "paint is extra",
    });
  });

  it("settles; the invoice becomes a payout to the shop; paying it closes the claim", async () => {
    beforeSettlement = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await send(KEYS.handler, "claims", CLAIM, {
      type: "AgreeSettlement",
      occurredAt: day(11),
      amount: INVOICE,
      method: "repair",
    });
    const invoiced = await send(KEYS.shop, "repair-orders", ORDER, {
      type: "InvoiceInsurer",
      occurredAt: day(11, 2),
      invoiceNumber: "INV-1",
      amount: INVOICE,
    });
    const payoutId = invoiced.body.followUps?.[0]?.id ?? "";
    expect(invoiced.body.followUps?.map((followUp) => followUp.type)).toEqual(["RequestPayout"]);
    await send(KEYS.finance, "payouts", payoutId, { type: "ApprovePayout", occurredAt: day(12) });
    const issued = await send(KEYS.finance, "payouts", payoutId, {
      type: "IssuePayout",
      occurredAt: day(13),
      paymentReference: "BANK-7781",
    });
    expect(issued.body.followUps?.map((followUp) => followUp.type)).toEqual([
      "RecordPayment",
      "CloseClaim",
    ]);
    await send(KEYS.handler, "claims", CLAIM, {
      type: "RecordFeedback",
      occurredAt: day(20),
      csat: 5,
      comment: "fast",
    });
    const claim = await call(KEYS.auditor, "GET", `/v1/claims/${CLAIM}`);
    expect(claim.body.state).toMatchObject({ status: "closed", closedOutcome: "paid", csat: 5 });
  });

  it("shows the history with actors, the state as of before settlement, and an intact chain", async () => {
    const history = await call(KEYS.auditor, "GET", `/v1/claims/${CLAIM}/history`);
    const events = history.body.events as {
      type: string;
      actor: { id: string; role: string } | null;
      causationId: string | null;
    }[];
    expect(events[0]).toMatchObject({
      type: "ClaimRegistered",
      actor: { id: "integrator-1", role: "integrator" },
    });
    const closed = events.find((event) => event.type === "ClaimClosed");
    expect(closed).toMatchObject({ actor: { id: "process-manager", role: "process-manager" } });
    expect(closed?.causationId).toEqual(expect.any(String));
    const asOf = await call(
      KEYS.auditor,
      "GET",
      `/v1/claims/${CLAIM}/state?asOf=${encodeURIComponent(beforeSettlement)}`,
    );
    expect(asOf.body.state).toMatchObject({ status: "assessed", settlement: null });
    const verify = await call(KEYS.auditor, "GET", `/v1/claims/${CLAIM}/verify`);
    expect(verify.body).toMatchObject({ ok: true, eventCount: events.length });
  });

  it("answers 412 on a stale If-Match and replays an idempotent retry, writing nothing either time", async () => {
    const { body } = await call(KEYS.auditor, "GET", `/v1/claims/${CLAIM}`);
    const complaint = { type: "FileComplaint", text: "the courtesy car was late" };
    const stale = await call(KEYS.handler, "POST", `/v1/claims/${CLAIM}/commands`, complaint, {
      "if-match": `"${Number(body.version) - 1}"`,
    });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe("concurrency.precondition_failed");
    const first = await call(KEYS.handler, "POST", `/v1/claims/${CLAIM}/commands`, complaint, {
      "idempotency-key": "complaint-1",
    });
    const retry = await call(KEYS.handler, "POST", `/v1/claims/${CLAIM}/commands`, complaint, {
      "idempotency-key": "complaint-1",
    });
    expect(retry.body).toMatchObject({ replayed: true, version: first.body.version });
    expect((await call(KEYS.auditor, "GET", `/v1/claims/${CLAIM}`)).body.version).toBe(
      first.body.version,
    );
  });

  it("hides the claim from a key scoped to another insurer", async () => {
    const answer = await call(KEYS.otherScopedHandler, "GET", `/v1/claims/${CLAIM}`);
    expect(answer.status).toBe(404);
    expect(answer.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });

  it("the CLI reads the same store: history as NDJSON and a verified chain", async () => {
    const lines: string[] = [];
    const io = { out: (line: string) => lines.push(line), err: () => undefined };
    expect(await runCli(["history", `claim-${CLAIM}`], env, io)).toBe(0);
    expect(lines.map((line) => JSON.parse(line).type)).toContain("ClaimClosed");
    expect(await runCli(["verify", `claim-${CLAIM}`], env, quiet)).toBe(0);
    const status: string[] = [];
    const statusIo = { out: (line: string) => status.push(line), err: () => undefined };
    expect(await runCli(["projections", "status"], env, statusIo)).toBe(0);
    expect(status.join("\n")).toContain("claims_list");
  });
});

describe("the read models over HTTP", () => {
  readModelChecks(() => api, call, CLAIM);
});
