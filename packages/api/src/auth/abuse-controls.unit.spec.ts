import { afterEach, describe, expect, it } from "vitest";
import { day, issuePolicy, registerClaim, requestPayout } from "../../test/support/fixtures.js";
import { openSse, type SseClient } from "../../test/support/sse-client.js";
import {
  auth,
  createTestApp,
  eventCount,
  issuePolicies,
  KEYS,
  type TestApp,
} from "../../test/support/test-app.js";

let t: TestApp | undefined;
const clients: SseClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await t?.close();
  t = undefined;
});

const start = async (env: Record<string, string> = {}) => {
  t = await createTestApp({ env });
  await issuePolicies(t, ["P-1"]);
  return t;
};

const get = (app: TestApp, headers: Record<string, string>) =>
  app.app.inject({ method: "GET", url: "/v1/claims/C-NONE", headers });

describe("rate limits and failed authentication", () => {
  it("counts a key's requests against the key, whatever other header comes along", async () => {
    const app = await start({ CLAIMSTREAM_RATE_LIMIT: "5" });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const junk = Buffer.from(`nobody:${i}`).toString("base64");
      const answer = await get(app, { "x-api-key": KEYS.handler, authorization: `Basic ${junk}` });
      statuses.push(answer.statusCode);
    }
    expect(statuses.filter((status) => status === 429)).toHaveLength(3);
  });

  it("counts guessed keys against the client address, not against each guess", async () => {
    const app = await start({ CLAIMSTREAM_RATE_LIMIT: "5" });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      statuses.push((await get(app, auth(`guess-${i}-${"x".repeat(16)}`))).statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });

  it("throttles an address after too many failed authentications, with Retry-After", async () => {
    const app = await start({ CLAIMSTREAM_AUTH_FAILURE_LIMIT: "3" });
    for (let i = 0; i < 3; i += 1) {
      expect((await get(app, auth(`wrong-key-${i}-padding`))).statusCode).toBe(401);
    }
    const blocked = await get(app, auth("wrong-key-3-padding"));
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe("request.rate_limited");
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    // Until the window ends, that address gets nothing, a valid key included.
    expect((await get(app, auth(KEYS.admin))).statusCode).toBe(429);
  });
});

describe("operations that affect every insurer", () => {
  it("a rebuild of the shared read models needs a key scoped to no insurer", async () => {
    const app = await start();
    const rebuild = (key: string) =>
      app.app.inject({
        method: "POST",
        url: "/v1/projections/claims_list/rebuild",
        headers: auth(key),
      });
    const scoped = await rebuild(KEYS.scopedAdmin);
    expect(scoped.statusCode).toBe(403);
    expect(scoped.json().code).toBe("auth.insurer_forbidden");
    // The unscoped admin passes authorisation (this server has no read-model database: 503).
    expect((await rebuild(KEYS.admin)).statusCode).toBe(503);
  });
});

describe("event stream quota per key", () => {
  it("one key cannot take every stream: past its quota it gets 429, another key is served", async () => {
    const app = await start({ CLAIMSTREAM_SSE_MAX_STREAMS_PER_KEY: "2" });
    const base = await app.app.listen({ host: "127.0.0.1", port: 0 });
    const open = async (key: string) => {
      const client = await openSse(`${base}/v1/events/stream`, key);
      clients.push(client);
      return client;
    };
    expect((await open(KEYS.integrator)).status).toBe(200);
    expect((await open(KEYS.integrator)).status).toBe(200);
    expect((await open(KEYS.integrator)).status).toBe(429);
    expect((await open(KEYS.auditor)).status).toBe(200);
    const first = clients[0];
    first?.close();
    await first?.ended.catch(() => undefined);
    await expect
      .poll(async () => {
        const again = await open(KEYS.integrator);
        return again.status;
      })
      .toBe(200);
  });
});

describe("commands and ids the system owns", () => {
  it("refuses RecordPayment from any key, admin included (403 auth.system_command)", async () => {
    const app = await start();
    await app.app.inject({
      method: "POST",
      url: "/v1/claims",
      headers: auth(KEYS.admin),
      payload: registerClaim("C-1", "P-1"),
    });
    const count = await eventCount(app.store);
    const answer = await app.app.inject({
      method: "POST",
      url: "/v1/claims/C-1/commands",
      headers: auth(KEYS.admin),
      payload: {
        type: "RecordPayment",
        payoutId: "PO-GHOST",
        amount: { amount: 280_000, currency: "CNY" },
        costType: "indemnity",
      },
    });
    expect(answer.statusCode).toBe(403);
    expect(answer.json().code).toBe("auth.system_command");
    expect(await eventCount(app.store)).toBe(count);
  });

  it("refuses to create a record under a derived id (422 validation.reserved_id)", async () => {
    const app = await start();
    const answer = await app.app.inject({
      method: "POST",
      url: "/v1/payouts",
      headers: auth(KEYS.admin),
      payload: requestPayout("sys.settlement.C-1.1", "C-1"),
    });
    expect(answer.statusCode).toBe(422);
    expect(answer.json().code).toBe("validation.reserved_id");
  });
});

describe("the business-time window", () => {
  it.each([
    ["an occurredAt before 1900", { occurredAt: "1899-12-31T23:00:00.000Z" }, "occurredAt"],
    ["an occurredAt in the future", { occurredAt: "2030-01-01T00:00:00.000Z" }, "occurredAt"],
    ["a loss date after the report", { lossDate: "2026-03-05" }, "lossDate"],
    ["a date in year 9999", { lossDate: "9999-01-01" }, "lossDate"],
  ])("refuses %s with 422 validation.business_time", async (_name, change, field) => {
    const app = await start();
    const count = await eventCount(app.store);
    const answer = await app.app.inject({
      method: "POST",
      url: "/v1/claims",
      headers: auth(KEYS.admin),
      payload: { ...registerClaim("C-T", "P-1"), ...change },
    });
    expect(answer.statusCode).toBe(422);
    expect(answer.json()).toMatchObject({ code: "validation.business_time", details: { field } });
    expect(await eventCount(app.store)).toBe(count);
  });

  it("accepts a back-filled occurredAt and a policy ending years ahead", async () => {
    const app = await start();
    const answer = await app.app.inject({
      method: "POST",
      url: "/v1/policies",
      headers: auth(KEYS.admin),
      payload: { ...issuePolicy("P-LONG"), occurredAt: day(-400), endDate: "2030-12-31" },
    });
    expect(answer.statusCode).toBe(201);
  });
});
