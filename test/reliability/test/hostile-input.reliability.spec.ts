import type { ScratchDatabase } from "@claimstream/eventstore/test-kit";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY } from "../src/api-keys.js";
import { type ApiProcess, startApiProcess } from "../src/api-process.js";
import { issuePolicy, registerClaim } from "../src/claim-commands.js";
import { recordFigures } from "../src/figures.js";
import { hostileRequest } from "../src/hostile-requests.js";
import { send } from "../src/http-client.js";
import { RUN_SEED } from "../src/seeded-random.js";
import { SETTINGS } from "../src/settings.js";
import { createReliabilityDatabase, eventCount } from "../src/test-database.js";

const MiB = 1024 * 1024;
const STREAM_ROUTE = "GET /v1/events/stream";
let database: ScratchDatabase;
let api: ApiProcess;

beforeAll(async () => {
  database = await createReliabilityDatabase();
  api = await startApiProcess(database.url);
  for (const [path, body] of [
    ["/v1/policies", issuePolicy("P-HOSTILE", "north-star")],
    ["/v1/claims", registerClaim("C-HOSTILE", "P-HOSTILE", "north-star")],
  ] as const) {
    expect((await send(api.url, { method: "POST", path, key: ADMIN_KEY, body })).status).toBe(201);
  }
});
afterAll(async () => {
  await api?.stop();
  await database?.drop();
});

describe("hostile input on every route", () => {
  it("never answers 5xx, writes nothing for a rejected request, and keeps memory bounded", async () => {
    const openapi = (await send(api.url, { method: "GET", path: "/openapi.json" })).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(openapi.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => ["get", "post"].includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const requests = fc.sample(hostileRequest(routes), {
      numRuns: SETTINGS.hostile.requests,
      seed: RUN_SEED,
    });
    // The SSE stream stays open by design: its answer is judged by its status and headers.
    const sendOne = (request: (typeof requests)[number]) =>
      send(api.url, { ...request, headOnly: request.route === STREAM_ROUTE });
    const valid = await send(api.url, {
      method: "GET",
      path: "/v1/events/stream?category=claim",
      key: ADMIN_KEY,
      headOnly: true,
    });
    expect([valid.status, valid.headers.get("content-type")]).toEqual([
      200,
      "text/event-stream; charset=utf-8",
    ]);
    for (const request of requests.slice(0, 50)) await sendOne(request).catch(() => undefined);
    const rssBefore = await api.rss();
    let events = await eventCount(database.url);
    const statuses: Record<string, number> = {};
    const kinds: Record<string, number> = {};
    const failures: string[] = [];
    let notSendable = 0;
    let streamsOpened = 0;
    let slowestMs = 0;
    let rssPeak = rssBefore;
    let rssHalfway = rssBefore;
    const started = Date.now();
    for (const [index, request] of requests.entries()) {
      kinds[request.kind] = (kinds[request.kind] ?? 0) + 1;
      const answer = await sendOne(request).catch((error: Error) =>
        error.name === "TimeoutError" ? ("hang" as const) : ("unsendable" as const),
      );
      if (answer === "unsendable") {
        notSendable += 1;
        continue;
      }
      const label = `${request.method} ${request.path.slice(0, 120)} (${request.kind})`;
      if (answer === "hang") {
        failures.push(`no answer within 10 s: ${label}`);
        continue;
      }
      slowestMs = Math.max(slowestMs, answer.ms);
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      if (answer.status >= 500)
        failures.push(`${answer.status}: ${label}: ${answer.text.slice(0, 200)}`);
      if (request.route === STREAM_ROUTE && answer.status === 200) {
        streamsOpened += 1;
        if (!(answer.headers.get("content-type") ?? "").startsWith("text/event-stream"))
          failures.push(`200 without an event stream: ${label}`);
      }
      const now = await eventCount(database.url);
      if (answer.status >= 400 && now !== events)
        failures.push(`rejected but wrote ${now - events} events: ${label}`);
      events = now;
      if (index % 250 === 0) rssPeak = Math.max(rssPeak, await api.rss());
      if (index === Math.floor(requests.length / 2)) rssHalfway = await api.rss();
    }
    const rssAfter = await api.rss();
    rssPeak = Math.max(rssPeak, rssAfter);
    expect(failures.slice(0, 10)).toEqual([]);
    expect(api.exited()).toBe(false);
    expect(rssAfter - rssBefore).toBeLessThan(150 * MiB);

    recordFigures("4-hostile-input", {
      seed: RUN_SEED,
      "requests generated": requests.length,
      "routes of the API": routes.length,
      "routes hit": new Set(requests.map((request) => request.route)).size,
      "SSE streams opened (then closed by the client)": streamsOpened,
      "not sendable by the client (invalid header bytes)": notSendable,
      "answers by status": statuses,
      "bodies by kind": kinds,
      "5xx answers": Object.entries(statuses).filter(([status]) => Number(status) >= 500).length,
      "events written by rejected requests": 0,
      "slowest answer (ms)": Math.round(slowestMs),
      "server RSS before (MiB)": Math.round(rssBefore / MiB),
      "server RSS halfway (MiB)": Math.round(rssHalfway / MiB),
      "server RSS peak (MiB)": Math.round(rssPeak / MiB),
      "server RSS after (MiB)": Math.round(rssAfter / MiB),
      seconds: Math.round((Date.now() - started) / 1000),
    });
  });
});
