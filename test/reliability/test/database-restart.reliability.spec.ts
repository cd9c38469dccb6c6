import { chmodSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningPostgres, startEmbeddedPostgres } from "@claimstream/eventstore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY, scopedKey } from "../src/api-keys.js";
import { type ApiProcess, startApiProcess } from "../src/api-process.js";
import { issuePolicy, registerClaim, setReserve } from "../src/claim-commands.js";
import { recordFigures } from "../src/figures.js";
import { send } from "../src/http-client.js";
import { type RetriedCommand, sendUntilApplied } from "../src/retrying-client.js";
import { FULL, SETTINGS } from "../src/settings.js";
import { sqlRows } from "../src/test-database.js";

const INSURER = "north-star";
const CLIENTS = 6;
// Its own PostgreSQL, durable, on a data directory and port that survive the restart.
// PostgreSQL runs as user `postgres` when the suite runs as root: it must reach the directory.
const parent = mkdtempSync(join(tmpdir(), "rel-restart-"));
chmodSync(parent, 0o777);
const dataDir = join(parent, "pg");
let port = 0;
let postgres: RunningPostgres | undefined;
let api: ApiProcess;

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

const startPostgres = async () => {
  postgres = await startEmbeddedPostgres({ dataDir, port });
  return postgres;
};

beforeAll(async () => {
  port = await freePort();
  const server = await startPostgres();
  api = await startApiProcess(server.connectionString);
  const policy = await send(api.url, {
    method: "POST",
    path: "/v1/policies",
    key: ADMIN_KEY,
    body: issuePolicy("P-RESTART", INSURER),
  });
  expect(policy.status).toBe(201);
});
afterAll(async () => {
  await api?.stop();
  await postgres?.stop();
});

/** One client: registers claims and sets reserves, each command retried with its key. */
const client = async (index: number, commands: number, pauseMs: number, deadline: number) => {
  const key = scopedKey("handler", INSURER);
  const outcomes: { outcome: RetriedCommand; amount?: number; claim?: string }[] = [];
  let claim = "";
  for (let n = 0; n < commands; n += 1) {
    if (n % 5 === 0) {
      claim = `C-RS-${index}-${n}`;
      const call = {
        method: "POST",
        path: "/v1/claims",
        key,
        body: registerClaim(claim, "P-RESTART", INSURER),
      };
      outcomes.push({
        outcome: await sendUntilApplied(api.url, call, `reg-${claim}`, deadline),
        claim,
      });
    } else {
      const amount = 2_000_000 + index * 100_000 + n;
      const call = {
        method: "POST",
        path: `/v1/claims/${claim}/commands`,
        key,
        body: setReserve(amount),
      };
      outcomes.push({
        outcome: await sendUntilApplied(api.url, call, `res-${amount}`, deadline),
        amount,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return outcomes;
};

/** While PostgreSQL is down: what the API answers, and how long it takes to. */
const probeWhileDown = async (until: number) => {
  const probes: { path: string; status: number; ms: number }[] = [];
  while (Date.now() < until) {
    for (const path of ["/health", "/ready", "/v1/claims/C-RS-0-0", "/v1/claims?limit=5"]) {
      const answer = await send(api.url, {
        method: "GET",
        path,
        key: ADMIN_KEY,
        timeoutMs: 15_000,
      }).catch(() => ({ status: 0, ms: 15_000 }));
      probes.push({ path, status: answer.status, ms: answer.ms });
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return probes;
};

const projectionsCaughtUp = async (deadline: number) => {
  while (Date.now() < deadline) {
    const answer = await send(api.url, {
      method: "GET",
      path: "/v1/projections",
      key: ADMIN_KEY,
    }).catch(() => undefined);
    const statuses = (answer?.body.projections ?? []) as {
      state: string;
      lagEvents?: number;
      position: number;
    }[];
    if (
      statuses.length > 0 &&
      statuses.every((status) => status.state === "running" && status.lagEvents === 0)
    )
      return statuses;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("projections did not catch up after the restart");
};

describe("PostgreSQL stops and restarts under load", () => {
  it("answers 503 while it is down, recovers by itself, and retried commands are applied once", async () => {
    const { commands, downMs } = SETTINGS.restart;
    const perClient = Math.ceil(commands / CLIENTS);
    const deadline = Date.now() + (FULL ? 480_000 : 100_000);
    // Paced so that the commands span the time before, during and after the outage.
    const pauseMs = (1500 + downMs + 2500) / perClient;
    const load = Promise.all(
      Array.from({ length: CLIENTS }, (_, index) => client(index, perClient, pauseMs, deadline)),
    );

    await new Promise((resolve) => setTimeout(resolve, 1500));
    const checkpointsBefore = await sqlRows<{ name: string; position: string }>(
      postgres!.connectionString,
      "SELECT name, position::text FROM projections.checkpoints WHERE slot = 'live'",
    );
    const stoppedAt = Date.now();
    await postgres!.stop();
    postgres = undefined;
    const probes = await probeWhileDown(Date.now() + downMs);
    await startPostgres();
    const restartedAt = Date.now();
    let recoveredAt = 0;
    while (recoveredAt === 0 && Date.now() < deadline) {
      const ready = await send(api.url, { method: "GET", path: "/ready" }).catch(() => undefined);
      if (ready?.status === 200) recoveredAt = Date.now();
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const outcomes = (await load).flat();
    const statuses = await projectionsCaughtUp(Date.now() + (FULL ? 300_000 : 60_000));

    expect(api.exited(), `the API process crashed:\n${api.lines.slice(-40).join("\n")}`).toBe(
      false,
    );
    expect(recoveredAt, "the API did not become ready again").toBeGreaterThan(0);
    const downStatuses = probes
      .filter((probe) => probe.path !== "/health")
      .map((probe) => probe.status);
    expect(new Set(downStatuses)).toEqual(new Set([503]));
    expect(
      probes.filter((probe) => probe.path === "/health").every((probe) => probe.status === 200),
    ).toBe(true);
    const slowestProbe = Math.max(...probes.map((probe) => probe.ms));
    expect(slowestProbe).toBeLessThan(10_000);
    const notApplied = outcomes.filter(({ outcome }) => outcome.applied === undefined);
    expect(
      notApplied.map(({ outcome }) => outcome),
      "commands never applied",
    ).toEqual([]);
    const retried = outcomes.filter(({ outcome }) => outcome.statuses.length > 1);
    const seen = outcomes.flatMap(({ outcome }) => outcome.statuses);
    expect(seen.filter((status) => status >= 500 && status !== 503)).toEqual([]);

    // Exactly one copy of each command's events, however often it was sent.
    const url = postgres!.connectionString;
    const reserves = await sqlRows<{ amount: string; copies: string }>(
      url,
      `SELECT data->'balance'->>'amount' AS amount, count(*) AS copies FROM eventstore.events
       WHERE type = 'ReserveChanged' AND stream_id LIKE 'claim-C-RS-%' GROUP BY 1`,
    );
    const copies = new Map(reserves.map((row) => [Number(row.amount), Number(row.copies)]));
    for (const { amount } of outcomes.filter((entry) => entry.amount !== undefined))
      expect(copies.get(amount as number), `reserve ${amount}`).toBe(1);
    const registered = await sqlRows<{ stream_id: string; copies: string }>(
      url,
      `SELECT stream_id, count(*) AS copies FROM eventstore.events
       WHERE type = 'ClaimRegistered' AND stream_id LIKE 'claim-C-RS-%' GROUP BY 1`,
    );
    const claims = outcomes.filter((entry) => entry.claim !== undefined);
    expect(registered.length).toBe(claims.length);
    expect(registered.every((row) => row.copies === "1")).toBe(true);

    // Workers resumed from their checkpoints (never behind where they were) and caught up.
    const after = new Map(
      statuses.map((status) => [(status as unknown as { name: string }).name, status.position]),
    );
    for (const row of checkpointsBefore)
      expect(after.get(row.name) ?? 0).toBeGreaterThanOrEqual(Number(row.position));
    const parked = await sqlRows<{ n: string }>(
      url,
      "SELECT count(*) AS n FROM projections.parked_events",
    );
    expect(parked[0]?.n).toBe("0");
    const listed = await send(api.url, {
      method: "GET",
      path: "/v1/claims?limit=500",
      key: ADMIN_KEY,
    });
    const listedIds = new Set(
      (listed.body.items as { claimId: string }[]).map((item) => item.claimId),
    );
    for (const { claim } of claims)
      expect(listedIds.has(claim as string), `claims list misses ${claim}`).toBe(true);

    recordFigures("3-database-restart", {
      "commands sent": outcomes.length,
      "commands retried (same Idempotency-Key)": retried.length,
      "attempts in all": seen.length,
      "answers while down": Object.fromEntries(
        [...new Set(probes.map((probe) => `${probe.path} ${probe.status}`))].map((name) => [
          name,
          probes.filter((probe) => `${probe.path} ${probe.status}` === name).length,
        ]),
      ),
      "slowest answer while down (ms)": Math.round(slowestProbe),
      "database down (ms)": restartedAt - stoppedAt,
      "ready again after restart (ms)": recoveredAt - restartedAt,
      "commands not applied": notApplied.length,
      "duplicate events": reserves.filter((row) => row.copies !== "1").length,
      "API process crashed": api.exited(),
      "parked events": 0,
    });
  }, 600_000);
});
