import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { RecordedEvent } from "@claimstream/eventstore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntimeHarness, type RuntimeHarness } from "../../test/support/runtime-harness.js";
import { streamCountProjection } from "../../test/support/stream-count-projection.mjs";
import type { ProjectionRuntime } from "../runtime/projection-runtime.js";
import type { ProjectionStatus } from "../runtime/projection-status.js";
import { CLI_EXIT, runProjectionsCli } from "./run-projections-cli.js";

describe("claimstream-projections CLI", () => {
  let harness: RuntimeHarness;
  let runtime: ProjectionRuntime;
  let healed = false;
  const isPoison = (event: RecordedEvent): boolean => !healed && event.data.poison === true;

  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const env = { DATABASE_URL: harness.database.connectionString };
    const code = await runProjectionsCli(argv, {
      env,
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
    });
    return { code, out: out.join("\n"), err: err.join("\n") };
  };

  beforeAll(async () => {
    harness = await createRuntimeHarness();
    await harness.appendCounted("cli-a", 12);
    await harness.appendCounted("cli-a", 1, { poison: true });
    runtime = await harness.startRuntime({
      projections: [streamCountProjection({ name: "cli_demo", failWhen: isPoison })],
    });
    await runtime.waitUntilCaughtUp();
  });
  afterAll(() => harness.close());

  it("prints each projection's state, position, lag and parked count", async () => {
    const table = await cli("status");
    expect(table.code).toBe(CLI_EXIT.ok);
    expect(table.out).toMatch(/PROJECTION\s+STATE\s+VERSION\s+POSITION\s+HEAD\s+LAG/);
    expect(table.out).toMatch(/cli_demo\s+running\s+1\s+\d+\s+\d+\s+0\s+0 ms\s+1/);

    const json = await cli("status", "--json");
    const [status] = JSON.parse(json.out) as ProjectionStatus[];
    expect(status).toMatchObject({
      name: "cli_demo",
      state: "running",
      leaseHeld: true,
      parked: 1,
      lagEvents: 0,
    });
  });

  it("lists parked events and replays them through the running worker", async () => {
    const parked = await cli("parked", "cli_demo");
    expect(parked.out).toMatch(/POSITION\s+STREAM\s+TYPE\s+ATTEMPTS/);
    expect(parked.out).toContain("cli-a@13");

    const failing = await cli("replay", "cli_demo");
    expect(failing.code).toBe(CLI_EXIT.failed);
    expect(failing.out).toContain("Replayed: 0; still failing: 1.");

    healed = true;
    const replayed = await cli("replay", "cli_demo");
    expect(replayed.code).toBe(CLI_EXIT.ok);
    expect(replayed.out).toContain("Replayed: 1; still failing: 0.");
    expect((await cli("parked", "cli_demo")).out).toBe("cli_demo has no parked events.");
  });

  it("rebuilds a projection through the running worker and reports the swap", async () => {
    const rebuilt = await cli("rebuild", "cli_demo");
    expect(rebuilt.code).toBe(CLI_EXIT.ok);
    expect(rebuilt.out).toContain("cli_demo rebuilt and swapped in: version 1, 13 events");
    expect(await harness.counts("rm_cli_demo")).toEqual(await harness.trueCounts());
  });

  it("answers usage errors, unknown projections and missing workers with distinct exit codes", async () => {
    expect((await cli()).code).toBe(CLI_EXIT.usage);
    expect((await cli("rebuild")).code).toBe(CLI_EXIT.usage);
    expect((await cli("rebuild", "nope")).code).toBe(CLI_EXIT.failed);
    const noUrl = await runProjectionsCli(["status"], {
      env: {},
      stdout: () => undefined,
      stderr: () => undefined,
    });
    expect(noUrl).toBe(CLI_EXIT.usage);

    await runtime.stop();
    const stopped = await cli("status", "--json");
    expect((JSON.parse(stopped.out) as ProjectionStatus[])[0]).toMatchObject({
      state: "stopped",
      leaseHeld: false,
    });
    const queued = await cli("rebuild", "cli_demo");
    expect(queued.code).toBe(CLI_EXIT.noWorker);
    expect(queued.err).toContain("No worker is running cli_demo");
  });

  it("the built binary exits with those codes (scripts read nothing else)", async () => {
    const binary = fileURLToPath(new URL("../../dist/cli/projections-cli.js", import.meta.url));
    const run = (...argv: string[]) =>
      new Promise<number | null>((resolve) => {
        execFile(
          process.execPath,
          [binary, ...argv],
          { env: { DATABASE_URL: harness.database.connectionString }, timeout: 60_000 },
          (error) => resolve(error === null ? 0 : ((error.code as number | undefined) ?? null)),
        );
      });
    expect(await run("status", "--json")).toBe(CLI_EXIT.ok);
    expect(await run("rebuild", "nope")).toBe(CLI_EXIT.failed);
    expect(await run()).toBe(CLI_EXIT.usage);
  });
});
