import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  agreeCashSettlement,
  assessDamage,
  assignAdjuster,
  issuePolicy,
  registerClaim,
  requestPayout,
  setReserve,
  verifyCoverage,
} from "../../test/support/fixtures.js";
import {
  auth,
  createTestApp,
  eventCount,
  issuePolicies,
  KEYS,
  type TestApp,
} from "../../test/support/test-app.js";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await issuePolicies(t, ["P-1"]);
});
afterEach(() => t.close());

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "POST", url, payload, headers: { ...auth(KEYS.admin), ...headers } });

const command = (claimId: string, payload: object, headers: Record<string, string> = {}) =>
  post(`/v1/claims/${claimId}/commands`, payload, headers);

describe("creating aggregates", () => {
  it("answers 201 with Location, ETag and the folded state", async () => {
    const response = await post("/v1/policies", issuePolicy("P-NEW"));
    expect(response.statusCode).toBe(201);
    expect(response.headers.location).toBe("/v1/policies/P-NEW");
    expect(response.headers.etag).toBe('"1"');
    expect(response.json()).toMatchObject({
      id: "P-NEW",
      streamId: "policy-P-NEW",
      version: 1,
      replayed: false,
    });
    expect(response.json().state).toMatchObject({ status: "issued", insurerId: "pacific-mutual" });
  });

  it("defaults the type to the creation command", async () => {
    const { type: _omitted, ...body } = registerClaim("C-1", "P-1");
    const response = await post("/v1/claims", body);
    expect(response.statusCode).toBe(201);
    expect(response.json().events[0].type).toBe("ClaimRegistered");
  });

  it("refuses another command type on the collection with validation.unknown_command", async () => {
    const response = await post("/v1/claims", { ...assignAdjuster, claimId: "C-1" });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("validation.unknown_command");
  });

  it("answers 409 claim.already_exists when the id is taken", async () => {
    await post("/v1/claims", registerClaim("C-1", "P-1"));
    const response = await post("/v1/claims", registerClaim("C-1", "P-1"));
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe("claim.already_exists");
  });
});

describe("sending commands", () => {
  beforeEach(async () => {
    await post("/v1/claims", registerClaim("C-1", "P-1"));
  });

  it("fills occurredAt from the clock when the caller sends none", async () => {
    const { occurredAt: _omitted, ...body } = setReserve;
    const response = await command("C-1", body);
    expect(response.statusCode).toBe(200);
    expect(response.json().events[0].occurredAt).toBe("2026-03-20T12:00:00.000Z");
  });

  it("keeps a back-filled occurredAt", async () => {
    const response = await command("C-1", setReserve);
    expect(response.json().events[0].occurredAt).toBe(setReserve.occurredAt);
  });

  it("answers 404 claim.not_found for a claim that does not exist", async () => {
    const response = await command("C-404", setReserve);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe("claim.not_found");
  });

  it("answers 409 claim.invalid_transition for a command out of order", async () => {
    const response = await command("C-1", agreeCashSettlement);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: "claim.invalid_transition", status: 409 });
  });

  it("answers 400 validation.id_mismatch when the body names another claim", async () => {
    const response = await command("C-1", registerClaim("C-2", "P-1"));
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("validation.id_mismatch");
  });

  it("records the caller as actor and the insurer as tenant in the event metadata", async () => {
    await command("C-1", setReserve, auth(KEYS.handler));
    const events = [];
    for await (const event of t.store.readStream("claim-C-1")) events.push(event);
    expect(events.at(-1)?.metadata).toMatchObject({
      actor: { id: "handler-1", role: "handler" },
      tenantId: "pacific-mutual",
    });
    expect(JSON.stringify(events.at(-1)?.metadata)).not.toContain(KEYS.handler);
  });
});

describe("VerifyCoverage against the stored policy", () => {
  it("loads the claim's policy snapshot itself", async () => {
    await post("/v1/claims", registerClaim("C-1", "P-1"));
    const response = await command("C-1", { type: "VerifyCoverage" });
    expect(response.statusCode).toBe(200);
    expect(response.json().state.coverage).toBe("verified");
  });

  it("never trusts a snapshot the caller sends: an uncovered peril stays uncovered", async () => {
    await post("/v1/claims", { ...registerClaim("C-1", "P-1"), peril: "theft" });
    const forged = verifyCoverage("P-1");
    const response = await command("C-1", {
      ...forged,
      policy: { ...forged.policy, perils: ["collision", "glass", "theft"] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().state.coverage).toBe("denied");
  });

  it("refuses a claim on a policy that does not exist (422 reference.not_found)", async () => {
    const count = await eventCount(t.store);
    const response = await post("/v1/claims", registerClaim("C-1", "P-missing"));
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: "reference.not_found",
      details: { field: "policyId", aggregate: "policy" },
    });
    expect(await eventCount(t.store)).toBe(count);
  });
});

describe("If-Match", () => {
  beforeEach(async () => {
    await post("/v1/claims", registerClaim("C-1", "P-1"));
  });

  it("applies the command when the version matches and returns the next ETag", async () => {
    const before = await t.app.inject({
      method: "GET",
      url: "/v1/claims/C-1",
      headers: auth(KEYS.admin),
    });
    const response = await command("C-1", setReserve, { "if-match": String(before.headers.etag) });
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe(`"${response.json().version}"`);
  });

  it("answers 412 concurrency.precondition_failed on a stale version and writes nothing", async () => {
    const seen = (await command("C-1", setReserve)).headers.etag;
    await command("C-1", { ...setReserve, balance: { amount: 1, currency: "CNY" } });
    const count = await eventCount(t.store);
    const response = await command("C-1", setReserve, { "if-match": String(seen) });
    expect(response.statusCode).toBe(412);
    expect(response.json()).toMatchObject({ code: "concurrency.precondition_failed" });
    expect(await eventCount(t.store)).toBe(count);
  });

  it("answers 400 request.invalid_header on a malformed If-Match", async () => {
    const response = await command("C-1", setReserve, { "if-match": "yesterday" });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("request.invalid_header");
  });
});

describe("Idempotency-Key", () => {
  it("returns the first response to a retried creation and writes nothing new", async () => {
    const headers = { "idempotency-key": "fnol-1" };
    const first = await post("/v1/claims", registerClaim("C-1", "P-1"), headers);
    const count = await eventCount(t.store);
    const retry = await post("/v1/claims", registerClaim("C-1", "P-1"), headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(retry.json().events).toEqual(first.json().events);
    expect(await eventCount(t.store)).toBe(count);
  });

  it("replays a command even after later commands moved the stream on", async () => {
    await post("/v1/claims", registerClaim("C-1", "P-1"));
    const first = await command("C-1", setReserve, { "idempotency-key": "assign-1" });
    await command("C-1", { ...setReserve, balance: { amount: 1, currency: "CNY" } });
    const retry = await command("C-1", setReserve, { "idempotency-key": "assign-1" });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ replayed: true, version: first.json().version });
  });

  it("replays a retried payout request: its claim guard is not taken twice", async () => {
    await post("/v1/claims", registerClaim("C-1", "P-1"));
    for (const body of [verifyCoverage("P-1"), { ...setReserve, costType: "expense" }]) {
      expect((await command("C-1", body)).statusCode).toBe(200);
    }
    const headers = { "idempotency-key": "towing-1" };
    const first = await post("/v1/payouts", requestPayout("PO-1", "C-1"), headers);
    expect(first.statusCode, first.body).toBe(201);
    const count = await eventCount(t.store);
    const retry = await post("/v1/payouts", requestPayout("PO-1", "C-1"), headers);
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.json().events).toEqual(first.json().events);
    expect(await eventCount(t.store)).toBe(count);
  });

  it("keeps two callers' identical keys apart", async () => {
    await post("/v1/claims", registerClaim("C-1", "P-1"));
    await command("C-1", setReserve, { "idempotency-key": "k" });
    const other = await command(
      "C-1",
      { ...setReserve, balance: { amount: 1, currency: "CNY" } },
      {
        ...auth(KEYS.handler),
        "idempotency-key": "k",
      },
    );
    expect(other.json().replayed).toBe(false);
  });
});

describe("process manager", () => {
  const walkToCashSettlement = async () => {
    await post("/v1/policies", issuePolicy("P-1"));
    await post("/v1/claims", registerClaim("C-1", "P-1"));
    for (const body of [verifyCoverage("P-1"), assignAdjuster, setReserve, assessDamage]) {
      expect((await command("C-1", body)).statusCode).toBe(200);
    }
    return command("C-1", agreeCashSettlement);
  };

  it("requests the settlement payout as process-manager, caused by the settlement event", async () => {
    const settled = await walkToCashSettlement();
    expect(settled.json().followUps).toEqual([
      expect.objectContaining({
        aggregate: "payout",
        id: "sys.settlement.C-1.1",
        type: "RequestPayout",
        outcome: "applied",
      }),
    ]);
    const payout = [];
    for await (const event of t.store.readStream("payout-sys.settlement.C-1.1")) payout.push(event);
    const settlement = [];
    for await (const event of t.store.readStream("claim-C-1")) settlement.push(event);
    const cause = settlement.find((event) => event.type === "SettlementAgreed");
    expect(payout[0]?.metadata).toMatchObject({
      actor: {
        id: "process-manager",
        role: "process-manager",
        onBehalfOf: { id: "admin-1", role: "admin" },
      },
      causationId: cause?.eventId,
      correlationId: settled.headers["x-request-id"],
      tenantId: "pacific-mutual",
    });
  });

  it("records the payment and closes the claim once finance issues the payout", async () => {
    await walkToCashSettlement();
    const payoutUrl = "/v1/payouts/sys.settlement.C-1.1/commands";
    const approved = await post(payoutUrl, { type: "ApprovePayout" }, auth(KEYS.finance));
    expect(approved.statusCode).toBe(200);
    expect(approved.json().state.approval).toMatchObject({
      approverId: "finance-1",
      approverRole: "finance",
    });
    const issued = await post(
      payoutUrl,
      { type: "IssuePayout", paymentReference: "BANK-1" },
      auth(KEYS.finance),
    );
    expect(issued.json().followUps.map((f: { type: string }) => f.type)).toEqual([
      "RecordPayment",
      "CloseClaim",
    ]);
    const claim = await t.app.inject({
      method: "GET",
      url: "/v1/claims/C-1",
      headers: auth(KEYS.admin),
    });
    expect(claim.json().state).toMatchObject({ status: "closed", closedOutcome: "paid" });
  });
});
