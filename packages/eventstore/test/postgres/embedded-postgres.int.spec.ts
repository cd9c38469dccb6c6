import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveDatabase, startEmbeddedPostgres } from "../../src/index.js";

let parent: string;

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), "eventstore-embedded-test-"));
  await chmod(parent, 0o777);
});
afterAll(async () => {
  await rm(parent, { recursive: true, force: true });
});

const query = async (connectionString: string, sql: string) => {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
};

describe("embedded PostgreSQL", () => {
  it("stops at once when the server has already exited (a Ctrl-C reached it first)", async () => {
    const postgres = await startEmbeddedPostgres({ durable: false });
    const pidFile = await readFile(join(postgres.dataDir, "postmaster.pid"), "utf8");
    const mainPid = Number(pidFile.split("\n")[0]);
    process.kill(mainPid, "SIGINT");
    const alive = () => {
      try {
        process.kill(mainPid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 100 && alive(); i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(alive()).toBe(false);
    const outcome = await Promise.race([
      postgres.stop().then(() => "stopped"),
      new Promise((resolve) => setTimeout(() => resolve("hung"), 5000)),
    ]);
    expect(outcome).toBe("stopped");
  });

  it("reuses an existing data directory with its data, and stops cleanly", async () => {
    const dataDir = join(parent, "cluster");
    const first = await startEmbeddedPostgres({ dataDir, durable: false });
    await query(
      first.connectionString,
      "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')",
    );
    await first.stop();
    await expect(query(first.connectionString, "SELECT 1")).rejects.toThrow();

    const second = await startEmbeddedPostgres({ dataDir, durable: false });
    expect(await query(second.connectionString, "SELECT note FROM kept")).toEqual([
      { note: "still here" },
    ]);
    await second.stop();
  });

  it("resolveDatabase prefers DATABASE_URL and starts nothing", async () => {
    const url = "postgres://someone@db.example:5432/claims";
    const database = await resolveDatabase({ env: { DATABASE_URL: url } });
    expect(database).toMatchObject({ connectionString: url, source: "DATABASE_URL" });
    await database.stop();
  });

  it("resolveDatabase starts an embedded server without DATABASE_URL", async () => {
    const database = await resolveDatabase({ env: {}, embedded: { durable: false } });
    expect(database.source).toBe("embedded");
    expect(await query(database.connectionString, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
    await database.stop();
  });
});
