import { MemoryEventStore, type PersonalDataRegistry } from "@claimstream/eventstore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cny,
  INSURER,
  issuePolicy,
  OTHER_INSURER,
  registerClaim,
  setReserve,
} from "../../test/support/fixtures.js";
import { openSse, type SseClient } from "../../test/support/sse-client.js";
import { auth, createTestApp, KEYS, type TestApp } from "../../test/support/test-app.js";

// Reporter names are personal data of the policyholder (erased by forgetting the subject).
const personalData: PersonalDataRegistry = {
  ClaimRegistered: {
    subjectId: (data) => `policyholder-${String(data.policyId)}`,
    fields: ["reporter"],
  },
};

let t: TestApp;
let base = "";
const clients: SseClient[] = [];

const post = async (url: string, payload: object, key: string = KEYS.admin) => {
  const response = await t.app.inject({ method: "POST", url, headers: auth(key), payload });
  expect(response.statusCode, response.body).toBeLessThan(300);
};
const stream = async (query = "", key: string = KEYS.integrator, headers = {}) => {
  const client = await openSse(`${base}/v1/events/stream${query}`, key, headers);
  clients.push(client);
  return client;
};
const page = (query: string, key: string = KEYS.integrator) =>
  t.app.inject({ method: "GET", url: `/v1/events${query}`, headers: auth(key) });

beforeAll(async () => {
  t = await createTestApp({
    store: new MemoryEventStore({ personalData }),
    env: { CLAIMSTREAM_SSE_HEARTBEAT_MS: "40" },
  });
  base = await t.app.listen({ host: "127.0.0.1", port: 0 });
  await post("/v1/policies", issuePolicy("P-1"));
  await post("/v1/claims", registerClaim("C-1", "P-1"));
  await post("/v1/policies", issuePolicy("P-2", OTHER_INSURER));
  await post("/v1/claims", registerClaim("C-2", "P-2", OTHER_INSURER));
  await post("/v1/claims/C-1/commands", setReserve);
  // Written by a foreign tool: no tenant metadata, the stream's insurer decides.
  await t.store.appendToStream(
    "claim-C-RAW",
    [
      { type: "ClaimRegistered", data: { ...registerClaim("C-RAW", "P-2", OTHER_INSURER) } },
      { type: "ClaimAcknowledged", data: { type: "ClaimAcknowledged" } },
    ],
    { expectedVersion: "no_stream" },
  );
});
afterAll(async () => {
  for (const client of clients) client.close();
  await t.close();
});

describe("GET /v1/events/stream", () => {
  it("sends every committed event in global order as a CloudEvents 1.0 envelope", async () => {
    const client = await stream();
    expect(client.status).toBe(200);
    expect(client.headers.get("content-type")).toContain("text/event-stream");
    const events = await client.waitForEvents(7);
    const ids = events.map((event) => Number(event.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    const claim = events.find((event) => event.subject === "claim-C-1");
    expect(claim).toMatchObject({
      specversion: "1.0",
      type: "ClaimRegistered",
      source: "/claimstream/claim",
      datacontenttype: "application/json",
      schemaversion: 1,
      data: { claimId: "C-1", insurerId: INSURER },
    });
    expect(Date.parse(claim?.time ?? "")).not.toBeNaN();
  });

  it("follows live: an event committed after connecting arrives after the catch-up", async () => {
    const client = await stream("?type=ReserveChanged");
    await client.waitForEvents(1);
    await post("/v1/claims/C-1/commands", { ...setReserve, balance: cny(310_000) });
    const events = await client.waitForEvents(2);
    expect(events.map((event) => event.subject)).toEqual(["claim-C-1", "claim-C-1"]);
  });

  it("resumes exactly after Last-Event-ID, which wins over ?after=", async () => {
    const all = await (await stream()).waitForEvents(7);
    const third = all[2]?.id ?? "";
    const resumed = await stream("?after=0", KEYS.integrator, { "last-event-id": third });
    const rest = await resumed.waitForEvents(all.length - 3);
    expect(rest[0]?.id).toBe(all[3]?.id);
    const after = await stream(`?after=${all[4]?.id}`);
    expect((await after.waitForEvents(1))[0]?.id).toBe(all[5]?.id);
  });

  it("filters by category and type, repeated or comma-separated", async () => {
    const policies = await stream("?category=policy");
    const byType = await stream("?type=PolicyIssued&type=ClaimAcknowledged");
    const byList = await stream("?type=PolicyIssued,ClaimAcknowledged&category=claim,policy");
    await policies.waitForEvents(2);
    await byList.waitForEvents(3);
    expect((await byType.waitForEvents(3)).map((event) => event.type).sort()).toEqual([
      "ClaimAcknowledged",
      "PolicyIssued",
      "PolicyIssued",
    ]);
    expect(policies.events().every((event) => event.source === "/claimstream/policy")).toBe(true);
    expect(byList.events().map((event) => event.id)).toEqual(byType.events().map((e) => e.id));
  });

  it("never sends another insurer's event to a scoped key, tenant metadata or not", async () => {
    const pacific = await stream("", KEYS.scopedIntegrator);
    const north = await stream("", KEYS.otherScopedIntegrator);
    await north.waitForEvents(4);
    await post("/v1/claims/C-1/commands", { ...setReserve, balance: cny(320_000) });
    await pacific.waitForEvents(4);
    expect(pacific.events().map((event) => event.subject)).toEqual([
      "policy-P-1",
      "claim-C-1",
      "claim-C-1",
      "claim-C-1",
    ]);
    expect(north.events().map((event) => event.subject)).toEqual([
      "policy-P-2",
      "claim-C-2",
      "claim-C-RAW",
      "claim-C-RAW",
    ]);
  });

  it("writes a heartbeat comment while nothing happens", async () => {
    const client = await stream("?type=ClaimClosed");
    await client.waitFor((frame) => frame.kind === "comment" && frame.text === "heartbeat", 2000);
    expect(client.events()).toEqual([]);
  });

  it("carries erased personal fields as erased once the subject is forgotten", async () => {
    await t.store.forgetSubject("policyholder-P-1");
    const client = await stream("?type=ClaimRegistered", KEYS.scopedIntegrator);
    const [registered] = await client.waitForEvents(1);
    expect(registered?.data.reporter).toEqual({ erased: true });
  });

  it("answers 400 on an unknown type or category, 401 without a key, 403 for an analyst", async () => {
    const unknownType = await page("?type=ClaimExploded");
    expect(unknownType.statusCode).toBe(400);
    expect(unknownType.json()).toMatchObject({ code: "request.invalid_parameter" });
    expect((await page("?category=invoice")).statusCode).toBe(400);
    const stranger = await fetch(`${base}/v1/events/stream`);
    expect(stranger.status).toBe(401);
    expect((await fetch(`${base}/v1/events/stream`, { headers: auth(KEYS.analyst) })).status).toBe(
      403,
    );
    const badId = await fetch(`${base}/v1/events/stream`, {
      headers: auth(KEYS.auditor, { "last-event-id": "abc" }),
    });
    expect(badId.status).toBe(400);
  });
});

describe("closing the server", () => {
  it("ends every open stream, so clients reconnect elsewhere and resume", async () => {
    const other = await createTestApp();
    await other.store.appendToStream("policy-P-9", [{ type: "PolicyIssued", data: {} }], {
      expectedVersion: "no_stream",
    });
    const url = await other.app.listen({ host: "127.0.0.1", port: 0 });
    const client = await openSse(`${url}/v1/events/stream`, KEYS.integrator);
    await client.waitForEvents(1);
    const started = Date.now();
    await other.close();
    await client.ended;
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("GET /v1/events", () => {
  it("pages through the same envelopes with a next cursor", async () => {
    const everything = (await page("?limit=1000")).json();
    const seen: string[] = [];
    let after = 0;
    for (let guard = 0; guard < 20; guard += 1) {
      const body = (await page(`?limit=3&after=${after}`)).json();
      seen.push(...body.events.map((event: { id: string }) => event.id));
      after = body.next;
      if (body.caughtUp) break;
    }
    expect(seen).toEqual(everything.events.map((event: { id: string }) => event.id));
    expect(everything.caughtUp).toBe(true);
  });

  it("skips another insurer's events but still moves the cursor past them", async () => {
    const body = (await page("?limit=100", KEYS.otherScopedIntegrator)).json();
    expect(new Set(body.events.map((event: { subject: string }) => event.subject))).toEqual(
      new Set(["policy-P-2", "claim-C-2", "claim-C-RAW"]),
    );
    const last = (await page("?limit=1000")).json().events.at(-1).id;
    expect(String(body.next)).toBe(last);
  });
});
