import type { ScratchDatabase } from "@claimstream/eventstore/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY, scopedKey } from "../src/api-keys.js";
import { type ApiProcess, startApiProcess } from "../src/api-process.js";
import { issuePolicy, registerClaim, setReserve } from "../src/claim-commands.js";
import { recordFigures } from "../src/figures.js";
import { send } from "../src/http-client.js";
import { SETTINGS } from "../src/settings.js";
import { createReliabilityDatabase, sqlRows } from "../src/test-database.js";

const INSURER = "pacific-mutual";
const CLAIM = "C-HAMMER-1";
let database: ScratchDatabase;
let api: ApiProcess;

beforeAll(async () => {
  database = await createReliabilityDatabase();
  api = await startApiProcess(database.url);
  const policy = await send(api.url, {
    method: "POST",
    path: "/v1/policies",
    key: ADMIN_KEY,
    body: issuePolicy("P-HAMMER", INSURER),
  });
  expect(policy.status).toBe(201);
  const claim = await send(api.url, {
    method: "POST",
    path: "/v1/claims",
    key: ADMIN_KEY,
    body: registerClaim(CLAIM, "P-HAMMER", INSURER),
  });
  expect(claim.status).toBe(201);
});
afterAll(async () => {
  await api?.stop();
  await database?.drop();
});

interface Attempt {
  readonly client: number;
  readonly ifMatch: number;
  readonly status: number;
  readonly version?: number;
  readonly code?: string;
}

// Read the version, then write against it: every write names the version it saw.
const hammer = async (client: number, attempts: number, deadline: number): Promise<Attempt[]> => {
  const key = scopedKey(client % 2 === 0 ? "handler" : "adjuster", INSURER);
  const results: Attempt[] = [];
  for (let attempt = 0; attempt < attempts && Date.now() < deadline; attempt += 1) {
    const read = await send(api.url, { method: "GET", path: `/v1/claims/${CLAIM}`, key });
    const ifMatch = Number(JSON.parse(read.headers.get("etag") ?? '"0"'));
    const write = await send(api.url, {
      method: "POST",
      path: `/v1/claims/${CLAIM}/commands`,
      key,
      headers: { "if-match": `"${ifMatch}"` },
      body: setReserve(1_000_000 + client * 10_000 + attempt),
    });
    results.push({
      client,
      ifMatch,
      status: write.status,
      version: write.body.version,
      code: write.body.code,
    });
  }
  return results;
};

describe("16 concurrent writers on one claim with If-Match", () => {
  it("exactly one write per version succeeds, the others answer 412/409, the stream has no gap", async () => {
    const { clients, attemptsPerClient } = SETTINGS.writers;
    const started = Date.now();
    const deadline = started + 90_000;
    const attempts = (
      await Promise.all(
        Array.from({ length: clients }, (_, client) => hammer(client, attemptsPerClient, deadline)),
      )
    ).flat();
    const seconds = (Date.now() - started) / 1000;

    const succeeded = attempts.filter((attempt) => attempt.status === 200);
    const refused = attempts.filter((attempt) => attempt.status === 412 || attempt.status === 409);
    const other = attempts.filter((attempt) => ![200, 409, 412].includes(attempt.status));
    expect(other, JSON.stringify(other.slice(0, 5))).toEqual([]);
    for (const attempt of succeeded) expect(attempt.version).toBe(attempt.ifMatch + 1);
    const versions = succeeded.map((attempt) => attempt.ifMatch);
    expect(new Set(versions).size, "two writes succeeded on one version").toBe(versions.length);

    const rows = await sqlRows<{ stream_position: string; data: { balance: { amount: number } } }>(
      database.url,
      "SELECT stream_position, data FROM eventstore.events WHERE stream_id = $1 ORDER BY stream_position",
      [`claim-${CLAIM}`],
    );
    const positions = rows.map((row) => Number(row.stream_position));
    expect(positions).toEqual(positions.map((_, index) => index + 1));
    // Every accepted write is in the stream, once: the registration plus one event per success.
    expect(rows.length).toBe(1 + succeeded.length);
    const written = rows.slice(1).map((row) => row.data.balance.amount);
    expect(new Set(written).size).toBe(succeeded.length);
    const verify = await send(api.url, {
      method: "GET",
      path: `/v1/claims/${CLAIM}/verify`,
      key: ADMIN_KEY,
    });
    expect(verify.body.ok).toBe(true);

    recordFigures("2-concurrent-writers", {
      clients,
      attempts: attempts.length,
      succeeded: succeeded.length,
      "refused 412": refused.filter((attempt) => attempt.status === 412).length,
      "refused 409": refused.filter((attempt) => attempt.status === 409).length,
      "other statuses": other.length,
      "two successes on one version": versions.length - new Set(versions).size,
      "stream version": rows.length,
      "stream gaps": 0,
      "hash chain": verify.body.ok ? "verifies" : "broken",
      seconds: Number(seconds.toFixed(1)),
    });
  });
});
