import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntimeHarness, type RuntimeHarness } from "../support/runtime-harness.js";
import { streamCountProjection } from "../support/stream-count-projection.mjs";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));
const worker = fileURLToPath(new URL("./crash-worker.mjs", import.meta.url));
const tsc = fileURLToPath(new URL("../../../../node_modules/typescript/bin/tsc", import.meta.url));

/** A worker process and the positions it started applying, as it reports them. */
interface WorkerRun {
  readonly child: ChildProcess;
  readonly applying: number[];
  readonly started: () => boolean;
  readonly exited: Promise<void>;
}

const startWorker = (connectionString: string, projection = "crash"): WorkerRun => {
  const child = spawn(process.execPath, [worker], {
    env: { ...process.env, DATABASE_URL: connectionString, PROJECTION: projection },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const applying: number[] = [];
  let started = false;
  let buffer = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) {
      if (line === "started") started = true;
      if (line.startsWith("applying ")) applying.push(Number(line.slice(9)));
    }
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return { child, applying, started: () => started, exited };
};

const until = async (check: () => boolean, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe("crash mid-batch", () => {
  let harness: RuntimeHarness;
  beforeAll(async () => {
    // The worker process runs the compiled runtime: make sure dist is current.
    await promisify(execFile)(process.execPath, [tsc, "-b"], { cwd: packageDir }).catch(
      () => undefined,
    );
    if (!existsSync(new URL("../../dist/runtime/projection-runtime.js", import.meta.url))) {
      throw new Error("dist/runtime/projection-runtime.js is missing: run `npx tsc -b`");
    }
    harness = await createRuntimeHarness();
  }, 60_000);
  afterAll(() => harness.close());

  it("applies every event exactly once although workers are SIGKILLed mid-batch while events arrive", async () => {
    for (let stream = 0; stream < 10; stream += 1) {
      const events = Array.from({ length: 30 }, () => ({ type: "Counted", data: {} }));
      await harness.store.appendToStream(`crash-${stream}`, events, { expectedVersion: "any" });
    }
    const writer = (async () => {
      for (let index = 0; index < 150; index += 1) {
        await harness.appendCounted(`crash-${index % 13}`, 1);
        await new Promise((resolve) => setTimeout(resolve, 4));
      }
    })();

    const checkpoint = async (): Promise<number> => {
      const result = await sql<{ position: string }>`
        SELECT position::text FROM projections.checkpoints WHERE name = 'crash' AND slot = 'live'`.execute(
        harness.db,
      );
      return Number(result.rows[0]?.position ?? 0);
    };
    let killedMidBatch = 0;
    for (let round = 0; round < 6; round += 1) {
      const run = startWorker(harness.database.connectionString);
      await until(() => run.applying.length >= 10 + round * 7, 10_000);
      run.child.kill("SIGKILL");
      await run.exited;
      // The handler had started on an event that the committed checkpoint does not cover.
      if ((run.applying.at(-1) ?? 0) > (await checkpoint())) killedMidBatch += 1;
    }
    await writer;

    const final = await harness.startRuntime({
      projections: [streamCountProjection({ name: "crash" })],
    });
    await final.waitUntilCaughtUp();
    expect(await final.listParked("crash")).toEqual([]);
    await final.stop();

    expect(killedMidBatch).toBeGreaterThanOrEqual(4);
    expect(await harness.counts("rm_crash")).toEqual(await harness.trueCounts());
    const applied = await sql<{ applied: string; expected: string }>`
      SELECT (SELECT count(*) FROM rm_crash.applied_events)::text AS applied,
             (SELECT count(*) FROM eventstore.events WHERE type = 'Counted')::text AS expected`.execute(
      harness.db,
    );
    expect(applied.rows[0]?.applied).toBe(applied.rows[0]?.expected);
  }, 60_000);

  it("hands the projection to a standby when the process holding its lease is SIGKILLed", async () => {
    const holder = startWorker(harness.database.connectionString, "takeover");
    await until(holder.started, 10_000);
    const standby = await harness.startRuntime({
      projections: [streamCountProjection({ name: "takeover" })],
    });
    expect(standby.status()[0]).toMatchObject({ state: "standby", leaseHeld: false });
    const before = holder.applying.length;
    await harness.appendCounted("takeover-a", 20);
    await until(() => holder.applying.length > before + 5, 10_000);

    holder.child.kill("SIGKILL");
    await holder.exited;
    await until(() => standby.status()[0]?.leaseHeld === true, 5000);
    expect(standby.status()[0]?.leaseHeld).toBe(true);
    await harness.appendCounted("takeover-a", 10);
    await standby.waitUntilCaughtUp();
    expect(await standby.listParked("takeover")).toEqual([]);
    expect(await harness.counts("rm_takeover")).toEqual(await harness.trueCounts());
  });
});
