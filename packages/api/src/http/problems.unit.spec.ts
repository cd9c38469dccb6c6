import { ConcurrencyError, MemoryEventStore } from "@claimstream/eventstore";
import { afterEach, describe, expect, it } from "vitest";
import { registerClaim, setReserve } from "../../test/support/fixtures.js";
import {
  auth,
  createTestApp,
  eventCount,
  issuePolicies,
  KEYS,
  type TestApp,
} from "../../test/support/test-app.js";

let t: TestApp | undefined;
// Every test's store starts with the policy its claims refer to.
const POLICY_EVENTS = 1;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const start = async (store?: MemoryEventStore) => {
  t = await createTestApp({
    ...(store === undefined ? {} : { store }),
    env: { CLAIMSTREAM_BODY_LIMIT: "4096" },
  });
  if (!(store instanceof UnreachableStore)) await issuePolicies(t, ["P-1"]);
  return t;
};

const expectProblem = (
  response: { statusCode: number; headers: Record<string, unknown>; json: () => unknown },
  status: number,
  code: string,
) => {
  expect(response.statusCode).toBe(status);
  expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
  expect(response.json()).toMatchObject({ status, code, type: `urn:claimstream:problem:${code}` });
  const body = response.json() as Record<string, unknown>;
  for (const member of ["title", "detail", "instance"]) expect(typeof body[member]).toBe("string");
};

describe("bad input answers a 4xx problem with a code and writes nothing", () => {
  it.each([
    [
      "malformed JSON",
      '{"type": "RegisterClaim",',
      "application/json",
      400,
      "request.malformed_json",
    ],
    ["an empty JSON body", "", "application/json", 400, "request.empty_body"],
    ["a JSON array", "[1, 2]", "application/json", 400, "validation.invalid_command"],
    ["text/plain", "RegisterClaim", "text/plain", 415, "request.unsupported_media_type"],
    ["XML", "<claim/>", "application/xml", 415, "request.unsupported_media_type"],
    [
      "a __proto__ key",
      '{"__proto__": {"admin": true}}',
      "application/json",
      400,
      "request.malformed_json",
    ],
  ])("%s", async (_name, payload, contentType, status, code) => {
    const { app, store } = await start();
    const response = await app.inject({
      method: "POST",
      url: "/v1/claims",
      headers: { ...auth(KEYS.admin), "content-type": contentType },
      payload,
    });
    expectProblem(response, status, code);
    expect(await eventCount(store)).toBe(POLICY_EVENTS);
  });

  it("a body over the limit answers 413 request.body_too_large", async () => {
    const { app, store } = await start();
    const payload = { ...registerClaim("C-1", "P-1"), description: "x".repeat(10_000) };
    const response = await app.inject({
      method: "POST",
      url: "/v1/claims",
      headers: auth(KEYS.admin),
      payload,
    });
    expectProblem(response, 413, "request.body_too_large");
    expect(await eventCount(store)).toBe(POLICY_EVENTS);
  });

  it("wrong types answer 400 validation.invalid_command listing the issues", async () => {
    const { app, store } = await start();
    const payload = {
      ...registerClaim("C-1", "P-1"),
      lossDate: 20260228,
      estimatedAmount: { amount: -5, currency: "CNY" },
    };
    const response = await app.inject({
      method: "POST",
      url: "/v1/claims",
      headers: auth(KEYS.admin),
      payload,
    });
    expectProblem(response, 400, "validation.invalid_command");
    const paths = (response.json() as { issues: { path: string }[] }).issues.map(
      (issue) => issue.path,
    );
    expect(paths).toContain("lossDate");
    expect(paths.some((path) => path.startsWith("estimatedAmount"))).toBe(true);
    expect(await eventCount(store)).toBe(POLICY_EVENTS);
  });

  it.each([
    ["a lone UTF-16 surrogate", "\\ud800 broken"],
    ["a NUL character", "nul \\u0000 here"],
  ])("free text with %s answers 400 request.invalid and writes nothing", async (_name, text) => {
    const { app, store } = await start();
    const body = JSON.stringify(registerClaim("C-1", "P-1")).replace(
      '"description":"',
      `"description":"${text}`,
    );
    const response = await app.inject({
      method: "POST",
      url: "/v1/claims",
      headers: { ...auth(KEYS.admin), "content-type": "application/json" },
      payload: body,
    });
    expectProblem(response, 400, "request.invalid");
    expect(response.json()).toMatchObject({ part: "body", path: "description" });
    expect(await eventCount(store)).toBe(POLICY_EVENTS);
  });

  it("an unknown field answers 400 validation.invalid_command (schemas are strict)", async () => {
    const { app } = await start();
    const payload = { ...registerClaim("C-1", "P-1"), priority: "high" };
    const response = await app.inject({
      method: "POST",
      url: "/v1/claims",
      headers: auth(KEYS.admin),
      payload,
    });
    expectProblem(response, 400, "validation.invalid_command");
  });

  it("an unknown command type answers 400 validation.unknown_command with the allowed types", async () => {
    const { app, store } = await start();
    await app.inject({
      method: "POST",
      url: "/v1/claims",
      headers: auth(KEYS.admin),
      payload: registerClaim("C-1", "P-1"),
    });
    const before = await eventCount(store);
    const response = await app.inject({
      method: "POST",
      url: "/v1/claims/C-1/commands",
      headers: auth(KEYS.admin),
      payload: { type: "TeleportClaim" },
    });
    expectProblem(response, 400, "validation.unknown_command");
    expect((response.json() as { details: { allowed: string[] } }).details.allowed).toContain(
      "SetReserve",
    );
    expect(await eventCount(store)).toBe(before);
  });

  it("an unknown route answers 404 request.not_found", async () => {
    const { app } = await start();
    expectProblem(
      await app.inject({ method: "GET", url: "/v1/nothing-here" }),
      404,
      "request.not_found",
    );
  });

  it("an invalid asOf answers 400 request.invalid_parameter", async () => {
    const { app } = await start();
    await app.inject({
      method: "POST",
      url: "/v1/claims",
      headers: auth(KEYS.admin),
      payload: registerClaim("C-1", "P-1"),
    });
    const response = await app.inject({
      method: "GET",
      url: "/v1/claims/C-1/state?asOf=last-tuesday",
      headers: auth(KEYS.admin),
    });
    expectProblem(response, 400, "request.invalid_parameter");
  });
});

/** A store whose appends always lose the race, as if another writer always came first. */
class AlwaysLosingStore extends MemoryEventStore {
  override async appendToStream(...args: Parameters<MemoryEventStore["appendToStream"]>) {
    const [streamId, events, options] = args;
    if (events.some((event) => event.type === "ReserveChanged")) {
      throw new ConcurrencyError(streamId, options.expectedVersion, 99);
    }
    return super.appendToStream(...args);
  }
}

/** A store whose database is down. */
class UnreachableStore extends MemoryEventStore {
  override readStream(): AsyncIterable<never> {
    throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
  }
  override async headPosition(): Promise<number> {
    throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
  }
}

describe("infrastructure and concurrency", () => {
  it("a write that keeps losing to concurrent writers answers 409 concurrency.conflict", async () => {
    const { app } = await start(new AlwaysLosingStore());
    await app.inject({
      method: "POST",
      url: "/v1/claims",
      headers: auth(KEYS.admin),
      payload: registerClaim("C-1", "P-1"),
    });
    const response = await app.inject({
      method: "POST",
      url: "/v1/claims/C-1/commands",
      headers: auth(KEYS.admin),
      payload: setReserve,
    });
    expectProblem(response, 409, "concurrency.conflict");
  });

  it("an unreachable database answers 503 infrastructure.unavailable with Retry-After", async () => {
    const { app } = await start(new UnreachableStore());
    const response = await app.inject({
      method: "GET",
      url: "/v1/claims/C-1",
      headers: auth(KEYS.admin),
    });
    expectProblem(response, 503, "infrastructure.unavailable");
    expect(response.headers["retry-after"]).toBe("5");
    expect(JSON.stringify(response.json())).not.toContain("5432");
  });

  it("/ready answers 503 while the event store is unreachable", async () => {
    const { app } = await start(new UnreachableStore());
    const response = await app.inject({ method: "GET", url: "/ready" });
    expectProblem(response, 503, "infrastructure.unavailable");
    expect((response.json() as { checks: Record<string, string> }).checks.eventStore).toContain(
      "ECONNREFUSED",
    );
  });
});
