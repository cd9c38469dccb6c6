import type { ScratchDatabase } from "@claimstream/eventstore/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY, scopedKey } from "../src/api-keys.js";
import { type ApiProcess, startApiProcess } from "../src/api-process.js";
import { issuePolicy } from "../src/claim-commands.js";
import { ClaimTraffic } from "../src/claim-traffic.js";
import { recordFigures } from "../src/figures.js";
import { type Call, send } from "../src/http-client.js";
import { summarize } from "../src/latency.js";
import { SETTINGS } from "../src/settings.js";
import { createReliabilityDatabase } from "../src/test-database.js";

const MAX_IN_FLIGHT = 512;
let database: ScratchDatabase;
let api: ApiProcess;

beforeAll(async () => {
  database = await createReliabilityDatabase();
  api = await startApiProcess(database.url);
  const policy = await send(api.url, {
    method: "POST",
    path: "/v1/policies",
    key: ADMIN_KEY,
    body: issuePolicy("P-LOAD", "pacific-mutual"),
  });
  expect(policy.status).toBe(201);
});
afterAll(async () => {
  await api?.stop();
  await database?.drop();
});

interface Outcome {
  readonly kind: "command" | "read";
  readonly status: number;
  readonly ms: number;
}

const readCall = (traffic: ClaimTraffic, tick: number): Call => {
  const key = scopedKey("handler", "pacific-mutual");
  const claim = traffic.claims[tick % Math.max(1, traffic.claims.length)];
  if (claim === undefined || tick % 4 === 0)
    return { method: "GET", path: "/v1/claims?limit=50", key };
  if (tick % 4 === 1) return { method: "GET", path: `/v1/claims/${claim}/history`, key };
  if (tick % 8 === 2)
    return {
      method: "GET",
      path: "/v1/analytics/loss-ratio",
      key: scopedKey("analyst", "pacific-mutual"),
    };
  return { method: "GET", path: `/v1/claims/${claim}`, key };
};

/** Open-loop traffic: commands and reads started on schedule, whatever the answers take. */
const sustain = async (seconds: number, commandsPerSecond: number, readsPerSecond: number) => {
  const traffic = new ClaimTraffic();
  const outcomes: Outcome[] = [];
  const inFlight = new Set<Promise<void>>();
  let skipped = 0;
  const fire = (kind: Outcome["kind"], call: Call, done?: (ok: boolean) => void) => {
    if (inFlight.size >= MAX_IN_FLIGHT) {
      skipped += 1;
      done?.(false);
      return;
    }
    const started = performance.now();
    const request = send(api.url, { ...call, timeoutMs: 30_000 })
      .then((answer) => {
        outcomes.push({ kind, status: answer.status, ms: answer.ms });
        done?.(answer.status < 300);
      })
      .catch(() => {
        outcomes.push({ kind, status: 0, ms: performance.now() - started });
        done?.(false);
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  };
  const start = performance.now();
  let commands = 0;
  let reads = 0;
  while (performance.now() - start < seconds * 1000) {
    const elapsed = (performance.now() - start) / 1000;
    while (commands < elapsed * commandsPerSecond) {
      const { call, done } = traffic.nextCommand();
      fire("command", call, done);
      commands += 1;
    }
    while (reads < elapsed * readsPerSecond) {
      fire("read", readCall(traffic, reads));
      reads += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await Promise.all(inFlight);
  return { outcomes, skipped, seconds: (performance.now() - start) / 1000 };
};

const rateLimited = async () => {
  const limited = await startApiProcess(database.url, { CLAIMSTREAM_RATE_LIMIT: "20" });
  try {
    const key = scopedKey("auditor", "north-star");
    const answers = [];
    for (let n = 0; n < 30; n += 1)
      answers.push(await send(limited.url, { method: "GET", path: "/v1/claims/C-LOAD-1", key }));
    const other = await send(limited.url, { method: "GET", path: "/health" });
    return { answers, other, crashed: limited.exited() };
  } finally {
    await limited.stop();
  }
};

describe("sustained mixed traffic", () => {
  it("records p99 latency and error rate; fewer than 1 % of requests fail", async () => {
    const { seconds, commandsPerSecond, readsPerSecond } = SETTINGS.load;
    const {
      outcomes,
      skipped,
      seconds: took,
    } = await sustain(seconds, commandsPerSecond, readsPerSecond);
    const of = (kind: Outcome["kind"]) => outcomes.filter((outcome) => outcome.kind === kind);
    const errors = outcomes.filter((outcome) => outcome.status === 0 || outcome.status >= 500);
    const refused = outcomes.filter((outcome) => outcome.status >= 400 && outcome.status < 500);
    const commands = summarize(of("command").map((outcome) => outcome.ms));
    const reads = summarize(of("read").map((outcome) => outcome.ms));
    const errorRate = errors.length / Math.max(1, outcomes.length);
    recordFigures("8-load", {
      "duration (s)": Number(took.toFixed(1)),
      "target commands/s": commandsPerSecond,
      "target reads/s": readsPerSecond,
      "achieved commands/s": Number((commands.count / took).toFixed(1)),
      "achieved reads/s": Number((reads.count / took).toFixed(1)),
      "command latency (ms)": commands,
      "read latency (ms)": reads,
      "errors (5xx or no answer)": errors.length,
      "error rate": `${(errorRate * 100).toFixed(2)} %`,
      "4xx answers": refused.length,
      "not sent (client at its in-flight cap)": skipped,
      "API process crashed": api.exited(),
    });
    expect(api.exited()).toBe(false);
    // The achieved rates are figures, not a verdict: they say what this machine sustained.
    expect(errorRate).toBeLessThan(0.01);
  });

  it("rate limiting answers 429 with Retry-After, not a failure", async () => {
    const { answers, other, crashed } = await rateLimited();
    const statuses = answers.map((answer) => answer.status);
    const limited = answers.filter((answer) => answer.status === 429);
    expect(statuses.slice(0, 20).every((status) => status === 200 || status === 404)).toBe(true);
    expect(limited.length).toBe(10);
    for (const answer of limited) {
      expect(answer.body.code).toBe("request.rate_limited");
      expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect(other.status).toBe(200);
    expect(crashed).toBe(false);
    recordFigures("8-rate-limit", {
      "limit (requests/min per key)": 20,
      "requests sent in a burst": answers.length,
      "answered 429 request.rate_limited": limited.length,
      "429 with Retry-After": limited.filter((answer) => answer.headers.has("retry-after")).length,
      "5xx answers": statuses.filter((status) => status >= 500).length,
    });
  });
});
