import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmbeddedPostgres } from "@claimstream/eventstore";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issuePolicy, registerClaim } from "../support/fixtures.js";

// The built CLI as auditors and operators script it: a separate process that starts its own
// embedded PostgreSQL in the data directory, whose exit code is the only verdict they read.
const CLI = fileURLToPath(new URL("../../dist/cli/claimstream.js", import.meta.url));

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let parent: string;
let dataDir: string;

const claimstream = (args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        env: { PATH: process.env.PATH ?? "", CLAIMSTREAM_DATA_DIR: dataDir, ...env },
        timeout: 90_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });

/** Runs SQL on the data directory's cluster, started in this process and stopped again. */
const withCluster = async (work: (client: pg.Client) => Promise<void>): Promise<void> => {
  const postgres = await startEmbeddedPostgres({ dataDir });
  const client = new pg.Client({ connectionString: postgres.connectionString });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
    await postgres.stop();
  }
};

const serverLeftRunning = () => existsSync(join(dataDir, "postmaster.pid"));

beforeAll(async () => {
  // The embedded server runs as the `postgres` user when we are root: it must reach the parent.
  parent = await mkdtemp(join(tmpdir(), "claimstream-cli-"));
  await chmod(parent, 0o777);
  dataDir = join(parent, "postgres");
});
afterAll(() => rm(parent, { recursive: true, force: true }));

describe("claimstream CLI exit codes, on its own embedded PostgreSQL", () => {
  it("exits 2 on an unknown command and 0 on --help", async () => {
    expect((await claimstream(["no-such-command"])).code).toBe(2);
    expect((await claimstream(["--help"])).code).toBe(0);
  });

  it("is installed as the `claimstream` bin (npx claimstream) through its committed shim", async () => {
    const root = fileURLToPath(new URL("../../../../", import.meta.url));
    for (const bin of [
      join(root, "node_modules/.bin/claimstream"),
      join(root, "packages/api/bin/claimstream.mjs"),
    ]) {
      const run = await new Promise<CliRun>((resolve) => {
        execFile(
          bin,
          ["--help"],
          { env: { PATH: process.env.PATH ?? "" } },
          (error, stdout, stderr) =>
            resolve({ code: error === null ? 0 : Number(error.code ?? -1), stdout, stderr }),
        );
      });
      expect(run.code, `${bin}: ${run.stderr}`).toBe(0);
      expect(run.stdout).toContain("usage: claimstream <command>");
    }
  });

  it("imports a claim (exit 0) and verifies its intact chain (exit 0)", async () => {
    const file = join(parent, "claim.ndjson");
    const lines = [
      { stream: "policy-P-CLI", command: issuePolicy("P-CLI") },
      { stream: "claim-C-CLI", command: registerClaim("C-CLI", "P-CLI") },
    ];
    await writeFile(file, lines.map((line) => JSON.stringify(line)).join("\n"));
    const imported = await claimstream(["import", file]);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    const verified = await claimstream(["verify", "claim-C-CLI"]);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, eventCount: 1 });
    expect(serverLeftRunning()).toBe(false);
  });

  it("exits 1 when verify finds a stream with no events", async () => {
    const run = await claimstream(["verify", "claim-C-NOWHERE"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("stream claim-C-NOWHERE has no events");
  });

  it("exits 1 when verify finds a tampered event, and names its position", async () => {
    await withCluster(async (client) => {
      // The events table refuses UPDATE by trigger; a superuser switches triggers off first.
      await client.query("SET session_replication_role = replica");
      const changed = await client.query(
        `UPDATE eventstore.events SET data = jsonb_set(data, '{description}', '"nothing happened"')
         WHERE stream_id = 'claim-C-CLI' AND stream_position = 1`,
      );
      expect(changed.rowCount).toBe(1);
    });
    const run = await claimstream(["verify", "claim-C-CLI"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("stream claim-C-CLI: broken at position 1 (hash_mismatch)");
    expect(serverLeftRunning()).toBe(false);
  });

  it("exits non-zero when start fails after its embedded server started, and stops that server", async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const address = taken.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    try {
      const run = await claimstream(["start"], {
        PORT: String(port),
        CLAIMSTREAM_API_KEYS: JSON.stringify([{ key: "k".repeat(32), role: "admin" }]),
      });
      expect(run.stdout).toContain("starting PostgreSQL");
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain("EADDRINUSE");
    } finally {
      taken.close();
    }
    expect(serverLeftRunning()).toBe(false);
  });

  it("refuses a second start on a data directory whose server runs; siblings never share", async () => {
    const env = (dir: string) => ({
      PATH: process.env.PATH ?? "",
      CLAIMSTREAM_DATA_DIR: dir,
      PORT: "0",
      CLAIMSTREAM_SEED_DEMO: "false",
      CLAIMSTREAM_API_KEYS: JSON.stringify([{ key: "k".repeat(32), role: "admin" }]),
    });
    // A server that keeps running until it is sent SIGINT; resolves once its banner is out.
    const startServer = (dir: string) =>
      new Promise<{ child: ChildProcess; output: () => string }>((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, "start"], { env: env(dir) });
        let output = "";
        const collect = (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes("Press Ctrl-C to stop.")) resolve({ child, output: () => output });
        };
        child.stdout?.on("data", collect);
        child.stderr?.on("data", collect);
        child.on("exit", (code) => reject(new Error(`start exited ${code}: ${output}`)));
      });
    const stop = (child: ChildProcess) =>
      new Promise<number | null>((resolve) => {
        child.removeAllListeners("exit");
        child.on("exit", (code) => resolve(code));
        child.kill("SIGINT");
      });
    const first = await startServer(join(parent, "sibling-a"));
    try {
      const second = await claimstream(["start"], env(join(parent, "sibling-a")));
      expect(second.code).toBe(1);
      expect(second.stderr).toContain("claimstream is already running on the data directory");
      // A sibling data directory gets a server of its own, not the first one's.
      const sibling = await startServer(join(parent, "sibling-b"));
      expect(sibling.output()).toContain(`starting PostgreSQL in ${join(parent, "sibling-b")}`);
      expect(existsSync(join(parent, "sibling-b", "postmaster.pid"))).toBe(true);
      expect(await stop(sibling.child)).toBe(0);
    } finally {
      expect(await stop(first.child)).toBe(0);
    }
  });
});
