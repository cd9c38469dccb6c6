import { setTimeout as sleep } from "node:timers/promises";
import { MemoryEventLog, MemoryEventStore } from "@claimstream/eventstore";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registerClaim, setReserve } from "../../test/support/fixtures.js";
import {
  auth,
  createTestApp,
  issuePolicies,
  KEYS,
  type TestApp,
} from "../../test/support/test-app.js";

let t: TestApp;
let log: MemoryEventLog;
beforeEach(async () => {
  log = new MemoryEventLog();
  t = await createTestApp({ store: new MemoryEventStore({ log }) });
  await issuePolicies(t, ["P-1"]);
  await t.app.inject({
    method: "POST",
    url: "/v1/claims",
    headers: auth(KEYS.handler),
    payload: registerClaim("C-1", "P-1"),
  });
});
afterEach(() => t.close());

const get = (url: string) => t.app.inject({ method: "GET", url, headers: auth(KEYS.auditor) });

describe("GET /v1/claims/:id/history", () => {
  it("lists every event with version, positions, times, actor and hash chain", async () => {
    await t.app.inject({
      method: "POST",
      url: "/v1/claims/C-1/commands",
      headers: auth(KEYS.adjuster),
      payload: setReserve,
    });
    const { events } = (await get("/v1/claims/C-1/history")).json();
    expect(events.map((event: { version: number }) => event.version)).toEqual(
      events.map((_: unknown, i: number) => i + 1),
    );
    const first = events[0];
    expect(first).toMatchObject({
      type: "ClaimRegistered",
      occurredAt: registerClaim("C-1", "P-1").occurredAt,
      actor: { id: "handler-1", role: "handler" },
      tenantId: "pacific-mutual",
      previousHash: null,
      data: expect.objectContaining({ claimId: "C-1" }),
    });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof first.recordedAt).toBe("string");
    expect(typeof first.globalPosition).toBe("number");
    expect(events.at(-1)).toMatchObject({
      type: "ReserveChanged",
      actor: { id: "adjuster-1", role: "adjuster" },
    });
    for (let i = 1; i < events.length; i += 1)
      expect(events[i].previousHash).toBe(events[i - 1].hash);
  });
});

describe("GET /v1/claims/:id/state?asOf=", () => {
  it("rebuilds the state from the events recorded up to the instant", async () => {
    await sleep(5);
    const between = new Date().toISOString();
    await sleep(5);
    const raised = { ...setReserve, balance: { amount: 450_000, currency: "CNY" } };
    await t.app.inject({
      method: "POST",
      url: "/v1/claims/C-1/commands",
      headers: auth(KEYS.adjuster),
      payload: raised,
    });
    const past = (await get(`/v1/claims/C-1/state?asOf=${encodeURIComponent(between)}`)).json();
    const now = (await get("/v1/claims/C-1/state")).json();
    expect(past.asOf).toBe(between);
    expect(past.state.reserves.indemnity.amount).toBe(0);
    expect(now.state.reserves.indemnity.amount).toBe(450_000);
    expect(now.version).toBeGreaterThan(past.version);
  });

  it("answers 404 claim.not_found before the claim existed", async () => {
    const response = await get("/v1/claims/C-1/state?asOf=2000-01-01T00:00:00Z");
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe("claim.not_found");
  });
});

describe("GET /v1/claims/:id/verify", () => {
  it("reports an intact hash chain", async () => {
    const response = await get("/v1/claims/C-1/verify");
    expect(response.json()).toMatchObject({ ok: true, streamId: "claim-C-1" });
  });

  it("reports the first altered event", async () => {
    const stored = log.streams.get("claim-C-1")?.entries[0]?.event;
    if (stored === undefined) throw new Error("no stored event");
    log.overwriteStoredEvent("claim-C-1", 1, {
      ...stored,
      data: { ...stored.data, description: "nothing happened" },
    });
    const response = await get("/v1/claims/C-1/verify");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: false, position: 1, reason: "hash_mismatch" });
  });
});

describe("GET /v1/claims/:id", () => {
  it("answers 304 when If-None-Match carries the current version", async () => {
    const first = await get("/v1/claims/C-1");
    const again = await t.app.inject({
      method: "GET",
      url: "/v1/claims/C-1",
      headers: auth(KEYS.auditor, { "if-none-match": String(first.headers.etag) }),
    });
    expect(again.statusCode).toBe(304);
  });
});
