import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { TOKENS } from "../../src/tokens.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import {
  agreeCashSettlement,
  assessDamage,
  assignAdjuster,
  issuePolicy,
  registerClaim,
  setReserve,
  verifyCoverage,
} from "../support/fixtures.js";
import { httpClient } from "../support/http-client.js";
import {
  type IntegrationApp,
  movableClock,
  startIntegrationApp,
} from "../support/integration-app.js";
import { KEYS } from "../support/test-app.js";
import { LOOPBACK_RECEIVERS } from "../support/webhook-receiver.js";

// An operator's backup and restore: `claimstream backup` on a running service's database,
// `claimstream restore` into an empty one, then the service on the restored database.

const clock = movableClock("2026-03-20T12:00:00.000Z");
const databases: TestDatabase[] = [];
let source: TestDatabase;
let api: IntegrationApp | undefined;
let dir: string;
let file: string;
let base = "";
const { call, send } = httpClient(() => base);

const cli = async (args: readonly string[], database: TestDatabase) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    args,
    { DATABASE_URL: database.url, LOG_LEVEL: "silent" },
    { out: (line) => out.push(line), err: (line) => err.push(line) },
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
};

const emptyDatabase = async () => {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
};

const start = async (database: TestDatabase) => {
  api = await startIntegrationApp(database.url, { clock, env: LOOPBACK_RECEIVERS });
  base = api.url;
  await api.application.get(TOKENS.projections)?.waitUntilCaughtUp();
  return api;
};

const eventRows = async (database: TestDatabase) => {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const rows = await client.query(
      "SELECT global_position::text, event_id::text, hash FROM eventstore.events ORDER BY global_position",
    );
    return rows.rows;
  } catch {
    return [];
  } finally {
    await client.end();
  }
};

// What an analyst and an integrator see: the claims list, a claim's history, the webhooks.
const views = async () => ({
  claims: (await call(KEYS.admin, "GET", "/v1/claims?limit=50")).body,
  history: (await call(KEYS.auditor, "GET", "/v1/claims/C-BK-1/history")).body,
  webhooks: (await call(KEYS.integrator, "GET", "/v1/webhooks")).body,
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "claimstream-backup-"));
  file = join(dir, "claims.ndjson.gz");
  source = await emptyDatabase();
  await start(source);
  for (const n of [1, 2]) {
    const policy = `P-BK-${n}`;
    const claim = `C-BK-${n}`;
    expect((await call(KEYS.admin, "POST", "/v1/policies", issuePolicy(policy))).status).toBe(201);
    expect(
      (await call(KEYS.admin, "POST", "/v1/claims", registerClaim(claim, policy))).status,
    ).toBe(201);
    for (const body of [verifyCoverage(policy), assignAdjuster, setReserve, assessDamage]) {
      await send(KEYS.admin, "claims", claim, body);
    }
  }
  await send(KEYS.admin, "claims", "C-BK-1", agreeCashSettlement);
  const webhook = await call(KEYS.integrator, "POST", "/v1/webhooks", {
    url: "http://127.0.0.1:9/hook",
    secret: "whsec-backup-0123456789",
    types: ["ClaimRegistered"],
  });
  expect(webhook.status).toBe(201);
});
afterAll(async () => {
  await api?.stop();
  for (const database of databases) await database.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("claimstream backup and restore", () => {
  it("backs up a running service, restores into an empty database, and the service goes on there", async () => {
    await api?.application.get(TOKENS.projections)?.waitUntilCaughtUp();
    const before = await views();
    expect(JSON.stringify(before.claims)).toContain("C-BK-2");
    expect(JSON.stringify(before.history)).toContain("SettlementAgreed");
    expect(JSON.stringify(before.webhooks)).toContain("127.0.0.1:9/hook");
    const backedUp = await cli(["backup", file], source);
    expect(backedUp, backedUp.err).toMatchObject({ code: 0 });
    expect(backedUp.out).toMatch(
      /backup .*: \d+ events, \d+ subject keys, 1 webhook subscriptions/,
    );
    await api?.stop();
    api = undefined;

    const target = await emptyDatabase();
    const restored = await cli(["restore", file], target);
    expect(restored, restored.err).toMatchObject({ code: 0 });
    expect(restored.out).toMatch(/all \d+ streams verify/);
    expect(await eventRows(target)).toEqual(await eventRows(source));

    await start(target);
    expect(await views()).toEqual(before);
    // Writes go on above the restored positions, and their follow-ups run.
    const [last] = (await eventRows(target)).slice(-1);
    await send(KEYS.admin, "claims", "C-BK-2", agreeCashSettlement);
    const after = await eventRows(target);
    expect(Number(after.at(-1)?.global_position)).toBeGreaterThan(Number(last?.global_position));
    const payout = await call(KEYS.admin, "GET", "/v1/payouts/sys.settlement.C-BK-2.1");
    expect(payout.status).toBe(200);
  });

  it("refuses a database that already holds events, and changes nothing", async () => {
    const target = await emptyDatabase();
    expect((await cli(["restore", file], target)).code).toBe(0);
    const rows = await eventRows(target);
    const again = await cli(["restore", file], target);
    expect(again.code).toBe(1);
    expect(again.err).toContain("backup.target_not_empty");
    expect(await eventRows(target)).toEqual(rows);
  });

  it("refuses a file cut short, and writes nothing", async () => {
    const lines = gunzipSync(await readFile(file))
      .toString("utf8")
      .trimEnd()
      .split("\n");
    const cut = join(dir, "cut.ndjson");
    await writeFile(cut, `${lines.slice(0, -3).join("\n")}\n`);
    const target = await emptyDatabase();
    const refused = await cli(["restore", cut], target);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("backup.truncated");
    expect(await eventRows(target)).toEqual([]);
  });
});
